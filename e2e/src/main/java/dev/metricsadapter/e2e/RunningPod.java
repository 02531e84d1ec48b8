package dev.metricsadapter.e2e;

/**
 * A pod {@link ProcessKubelet} runs a process for, as of one moment.
 *
 * @param namespace the pod's namespace
 * @param name the pod's name
 * @param uid the pod's UID
 * @param pid the process's pid
 * @param port its port on 127.0.0.1
 * @param ready whether it answered {@code /healthz}, the pod was reported Running and its target
 *     file was written
 */
public record RunningPod(
    String namespace, String name, String uid, long pid, int port, boolean ready) {}
