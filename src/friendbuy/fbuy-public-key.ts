// Friendbuy's published RSA key for `fbuy` landing tokens (developers.friendbuy.com "Decoding the Attribution
// ID"; copy in docs reference/friendbuy-fbuy-public-key.pem). FRIENDBUY_FBUY_PUBLIC_KEY overrides it.
export const FRIENDBUY_FBUY_PUBLIC_KEY_PEM = `-----BEGIN PUBLIC KEY-----
MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQCv+UDAAmI0GyM9obO1P+N8LGfI
If6m+LgQirR1fQLTcQyu+lrQkqa+BhVa/nouoiPm+ZUKVtFMJJ44xxa4OPvXv3tB
UPyhJJGYvA8ARqXedzXo13AvSmhKBKG1LxpdU1KGTQNj9En7dmlyeXF5UXAddqoo
JizmTNzQy1wmQw14DwIDAQAB
-----END PUBLIC KEY-----
`;
