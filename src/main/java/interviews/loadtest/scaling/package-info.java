/**
 * The scaling plan: one idea, made of many small answers. From one capacity search's results
 * (capacity.json: its answer, its steps' readings, the saturation evidence) and the named
 * assumptions of {@code loadtest.scaling}, each file answers one of the plan's questions (what
 * saturated first, which sizes were measured, bigger VM or more VMs, instances, gunicorn and Celery
 * workers, the connection budget, the MIG and Celery autoscalers) or writes the plan (JSON,
 * Markdown). They share the plan's inputs and nothing else, so the package stays whole.
 */
package interviews.loadtest.scaling;
