// What the emulated Friendbuy knows about people: customer profiles and personal referral links (PURLs).
// PURLs are create-or-retrieve per email + campaign, as on the real API (S1), so repeated calls are idempotent.

export interface ReferralLinkInput {
  email: string;
  campaignId: string;
  customerId?: string | undefined;
  seed?: string | undefined;
}

export interface StoredReferralLink {
  link: string;
  referralCode: string;
  createdOn: string;
  email: string;
  campaignId: string;
  customerId?: string | undefined;
}

export interface Person {
  email?: string | undefined;
  customerId?: string | undefined;
}

export type Directory = ReturnType<typeof createDirectory>;

export function createDirectory() {
  /** customerId → email. */
  const customers = new Map<string, string>();
  /** `email campaignId` → link. */
  const links = new Map<string, StoredReferralLink>();
  const takenCodes = new Set<string>();

  function uniqueCode(input: ReferralLinkInput): string {
    // Friendbuy codes are case-insensitive and seeded from a vanity seed or the advocate's email (S6).
    const base =
      (input.seed ?? input.email.split('@')[0] ?? '').toLowerCase().replace(/[^a-z0-9]/g, '') || 'friend';
    let code = base;
    for (let n = 2; takenCodes.has(code); n++) code = `${base}${n}`;
    takenCodes.add(code);
    return code;
  }

  return {
    /** @returns whether the profile was created (201) rather than updated (200). */
    upsertCustomer(customerId: string, email: string): 'created' | 'updated' {
      const existed = customers.has(customerId);
      customers.set(customerId, email.toLowerCase());
      return existed ? 'updated' : 'created';
    },

    referralLink(input: ReferralLinkInput, linkBase: string, createdOn: string): StoredReferralLink {
      const key = `${input.email.toLowerCase()} ${input.campaignId}`;
      const existing = links.get(key);
      if (existing) return existing;
      const referralCode = uniqueCode(input);
      const created: StoredReferralLink = {
        link: `${linkBase}/r/${referralCode}`,
        referralCode,
        createdOn,
        email: input.email,
        campaignId: input.campaignId,
        customerId: input.customerId,
      };
      links.set(key, created);
      return created;
    },

    /**
     * An advocate whose code is known in advance (the sandbox's demo advocates), as if they had created their
     * link in Friendbuy. Idempotent per email and campaign.
     */
    addAdvocate(
      advocate: Omit<StoredReferralLink, 'link' | 'createdOn'>,
      linkBase: string,
      createdOn: string,
    ) {
      const key = `${advocate.email.toLowerCase()} ${advocate.campaignId}`;
      if (links.has(key)) return;
      const referralCode = advocate.referralCode.toLowerCase();
      takenCodes.add(referralCode);
      links.set(key, { ...advocate, referralCode, link: `${linkBase}/r/${referralCode}`, createdOn });
    },

    /** The PURL behind a referral code, case-insensitively (purchases name the advocate by code). */
    linkByCode(code: string): StoredReferralLink | undefined {
      const wanted = code.trim().toLowerCase();
      return [...links.values()].find((link) => link.referralCode === wanted);
    },

    /** GDPR erasure. Codes stay taken so an erased advocate's code is never handed to someone else. */
    /** What GET /v1/user-data exports about the person. */
    about(person: Person) {
      const email = person.email?.toLowerCase();
      return {
        customers: [...customers]
          .filter(
            ([customerId, customerEmail]) => customerId === person.customerId || customerEmail === email,
          )
          .map(([customerId, customerEmail]) => ({ customerId, email: customerEmail })),
        referralLinks: [...links.values()].filter(
          (link) =>
            link.email.toLowerCase() === email ||
            (person.customerId && link.customerId === person.customerId),
        ),
      };
    },

    forget(person: Person): void {
      const email = person.email?.toLowerCase();
      for (const [customerId, customerEmail] of customers) {
        if (customerId === person.customerId || customerEmail === email) customers.delete(customerId);
      }
      for (const [key, link] of links) {
        if (
          link.email.toLowerCase() === email ||
          (person.customerId && link.customerId === person.customerId)
        ) {
          links.delete(key);
        }
      }
    },
  };
}
