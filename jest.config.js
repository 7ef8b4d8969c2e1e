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
  // Two workers on CI's two cores: most test files wait on child processes (transpiled programs,
  // CPython, tsc), so one worker leaves a core idle. The suite's wall time falls by about 15%.
  maxWorkers: 2,
};
