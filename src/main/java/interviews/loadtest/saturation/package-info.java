/**
 * What ran out: the resources of the plan (CPU, memory, database connections, database locks, web
 * workers, the background queue, or any a user names), the rules that say when a server metric
 * shows one at its limit, and the one judgement those rules give over a run, over a capacity step
 * and over a whole search. Every source of server metrics (the target's own block, node_exporter,
 * postgres_exporter, redis_exporter, a Prometheus) feeds the same model; none is a special case.
 */
package interviews.loadtest.saturation;
