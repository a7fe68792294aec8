package org.lenetlab.model;
/** TEMPORARY profiling helper. */
public final class Prof {
    public static final boolean ON = Boolean.getBoolean("lenetlab.prof");
    private static final java.util.Map<String, long[]> T = new java.util.TreeMap<>();
    private static long last; private static final java.lang.management.ThreadMXBean MX = java.lang.management.ManagementFactory.getThreadMXBean();
    public static void start() { if (ON) last = MX.getCurrentThreadCpuTime(); }
    public static void lap(String name) {
        if (!ON) return;
        long now = MX.getCurrentThreadCpuTime();
        T.computeIfAbsent(name, k -> new long[2])[0] += now - last;
        T.get(name)[1]++;
        last = now;
    }
    public static void reset() { T.clear(); }
    public static String report() {
        StringBuilder sb = new StringBuilder();
        T.forEach((k, v) -> sb.append(String.format("%-40s %8.3f ms/call %8d calls %9.1f ms total%n", k, v[0] / 1e6 / v[1], v[1], v[0] / 1e6)));
        return sb.toString();
    }
}
