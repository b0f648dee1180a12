# labdigest: the API and its workers in one image. `node dist/bin/start.js` (what `npm start` runs) runs
# both; `--role=worker` only the workers (see docker-compose.yml, profile "scale"). The TypeScript is
# compiled to dist/ while the image is built; `npx labdigest` runs the sources through tsx.

# Node 24 is the active LTS line (Node 20 reached its end of life in April 2026); the package also runs on
# Node 20 and 22 (package.json "engines").
# --- dependencies: better-sqlite3 is a native addon and may need compiling --------------------------------
FROM node:24-bookworm-slim AS deps
WORKDIR /app
# python3, make and g++ let node-gyp build better-sqlite3 when no prebuilt binary fits.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# The exact versions of package-lock.json. Dev dependencies stay so `npm test` also runs in the image.
RUN npm ci --no-audit --no-fund

# --- runtime: same base (same glibc and Node ABI as the compiled addon), without the compilers ------------
FROM node:24-bookworm-slim
WORKDIR /app
# Listen on the container's interface; keep the database on the /data volume.
ENV HOST=0.0.0.0 \
    PORT=3000 \
    DATABASE_PATH=/data/labdigest.db
COPY --from=deps /app/node_modules ./node_modules
COPY . .
# dist/: the compiled JavaScript the processes run (a host's dist/ is left out by .dockerignore).
RUN npm run build
# The database, secrets.json and the outbox must be writable by the unprivileged user; a named volume
# mounted at /data takes this ownership on first use.
RUN mkdir -p /data /app/outbox && chown -R node:node /data /app/outbox
USER node
VOLUME ["/data"]
EXPOSE 3000
# node itself, not npm: no npm process beside it (about 50 MB), and SIGTERM reaches the app directly. The
# heap flags are those of package.json's start scripts (bin/start.ts says why).
CMD ["node", "--max-old-space-size=512", "dist/bin/start.js"]
