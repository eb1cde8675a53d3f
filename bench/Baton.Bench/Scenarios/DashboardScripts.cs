namespace Baton.Bench.Scenarios;

/// <summary>What the dashboard scenario runs inside the page: every time is taken on the page's own clock.</summary>
internal static class DashboardScripts
{
    /// <summary>
    /// Installed before the page's own scripts: window.__batonPainted is set in the animation frame after the first
    /// task row is in the document (the frame that paints it), in ms since navigation started.
    /// </summary>
    public const string FirstRows = """
        (() => {
          const seen = () => document.querySelector('[data-testid=task-row]') !== null;
          const observer = new MutationObserver(() => {
            if (!seen()) return;
            observer.disconnect();
            requestAnimationFrame(() => { if (window.__batonPainted === undefined) window.__batonPainted = performance.now(); });
          });
          observer.observe(document, { childList: true, subtree: true });
        })();
        """;

    /// <summary>Queues a task through REST from the page and resolves with the ms until its row is painted.</summary>
    public const string AddAndSee = """
        async ([name, directory]) => {
          const shown = () => [...document.querySelectorAll('[data-testid=task-row]')].some((row) => row.textContent.includes(name));
          const begun = performance.now();
          const painted = new Promise((resolve) => {
            const observer = new MutationObserver(() => {
              if (!shown()) return;
              observer.disconnect();
              requestAnimationFrame(() => resolve(performance.now()));
            });
            observer.observe(document.body, { childList: true, subtree: true, characterData: true });
          });
          const response = await fetch('/api/v1/tasks', {
            method: 'POST', headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ name, command: ['/bin/true'], working_directory: directory }),
          });
          if (!response.ok) throw new Error(`POST /api/v1/tasks answered ${response.status}`);
          const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error(`${name} not shown within 5 s`)), 5000));
          return (await Promise.race([painted, timeout])) - begun;
        }
        """;

    /// <summary>Counts animation frames for the given ms: [frames per second, longest frame in ms].</summary>
    public const string Frames = """
        async (duration) => {
          let frames = 0;
          let longest = 0;
          const begun = performance.now();
          let previous = begun;
          await new Promise((resolve) => {
            const tick = (now) => {
              frames++;
              longest = Math.max(longest, now - previous);
              previous = now;
              if (now - begun < duration) requestAnimationFrame(tick); else resolve();
            };
            requestAnimationFrame(tick);
          });
          return [frames * 1000 / (performance.now() - begun), longest];
        }
        """;
}
