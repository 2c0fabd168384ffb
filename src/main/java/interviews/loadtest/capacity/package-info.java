/**
 * The capacity search: one idea, the highest load a system serves within its SLOs and sustains,
 * found step by step in one run. Its files are the search's parts (the plan of loads, the
 * admission the Gatling users ask, the warm-up, the window, the judge, the step) and what it writes
 * (capacity.json, capacity.html, the answer line) with its cross-checks (Little's law, the USL fit).
 */
package interviews.loadtest.capacity;
