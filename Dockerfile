# syntax=docker/dockerfile:1
# Right Response, the production image (docs/DEPLOY.md). Three stages: `build`
# compiles TypeScript with the dev tools; `deps` installs production
# dependencies only; `runtime` is a slim Node 20 with the compiled app, the
# cards, policies and configuration, run as the unprivileged `node` user.
# The embedded PostgreSQL is not in the image: set DATABASE_URL.
# scripts/container-check runs these same instructions on this machine,
# where no Docker engine is available; keep it able to read this file
# (FROM/ARG/WORKDIR/COPY/RUN/ENV/USER/EXPOSE/HEALTHCHECK/STOPSIGNAL/CMD).
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts ./scripts
RUN npm run build

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# --omit=optional leaves out the embedded PostgreSQL binaries (about 60 MB) and restify's optional extras.
RUN npm ci --omit=dev --omit=optional --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production APP_ENV=production HOST=0.0.0.0 PORT=3978
WORKDIR /app
# Owned by root, read-only to the app: it never writes its own code or configuration.
COPY package.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY cards ./cards
COPY policies ./policies
COPY config ./config
USER node
EXPOSE 3978
# Liveness only (the process answers); load balancers use /readyz (database, migrations, job runner, not draining).
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3978)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM drains (readiness 503, in-flight turns and jobs finish, within SHUTDOWN_TIMEOUT_MS).
STOPSIGNAL SIGTERM
CMD ["node", "--max-semi-space-size=32", "dist/main.js"]
