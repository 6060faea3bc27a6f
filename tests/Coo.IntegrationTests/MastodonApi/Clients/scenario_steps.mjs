// What the Node client scenarios share: a failed step ends the scenario with its reason, and an eventually consistent
// result is polled for until a deadline. Copied beside each scenario when it runs (MastodonClientTests).

export function steps(scenario) {
  function check(condition, what) {
    if (!condition) {
      throw new Error(`${scenario} failed: ${what}`);
    }
  }

  async function eventually(probe, done, what, timeoutMs = 30000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (done(value)) {
        return value;
      }
      if (Date.now() > deadline) {
        throw new Error(`${scenario} timed out waiting for ${what}; last value: ${JSON.stringify(value)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  return { check, eventually };
}
