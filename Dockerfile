# Production image: Node 22 LTS, non-root, no engine downloads at build or run
# time (Prisma runs on its WASM engines through driver adapters). package.json's
# engines (>=20.19) includes 22; see README "Runtime" for why 20 is still allowed.

FROM node:22-bookworm-slim AS deps
WORKDIR /app
ENV CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1
# better-sqlite3 compiles from source where no prebuilt binary can be fetched.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY prisma ./prisma
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1 \
    HOST=0.0.0.0 PORT=3000 DATABASE_URL=file:/app/data/petitions.db
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --chown=node:node package.json package-lock.json ./
COPY --chown=node:node prisma ./prisma
COPY --chown=node:node prompts ./prompts
COPY --chown=node:node src ./src
COPY --from=deps --chown=node:node /app/src/generated ./src/generated
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Migrations run at start (npm run db:migrate does the same on its own).
CMD ["node", "--import", "tsx", "src/main.ts"]
