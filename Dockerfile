# ct-friendbuy as a container, for merchants who run it outside commercetools Connect (docs/connect.md).
# Build: compile TypeScript to dist/ with the dev dependencies. Runtime: production dependencies only, the compiled
# code, and the files it reads at run time (the storefront kit's and the operator console's sources, which it
# bundles at start or on first request, and the docs the sandbox's welcome page serves), as the unprivileged
# `node` user.
ARG NODE_VERSION=24

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/copy-build-assets.mjs ./scripts/
COPY src ./src
RUN npm run build

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production PORT=8080 HOST=0.0.0.0 DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY tsconfig.json README.md ./
COPY bin ./bin
COPY storefront ./storefront
COPY console ./console
COPY docs ./docs
# The embedded store's folder, for a container without DATABASE_URL (compose.yaml gives it PostgreSQL).
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/health/live`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "bin/start.mjs"]
