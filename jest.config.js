/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }],
  },
  moduleNameMapper: {
    "^asyncio-ts$": "<rootDir>/src/index.ts",
    "^asyncio-ts/(.*)$": "<rootDir>/src/$1",
  },
  testTimeout: 30000,
};
