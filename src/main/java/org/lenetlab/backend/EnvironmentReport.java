package org.lenetlab.backend;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What the numerical backend looks like right now: which natives, whether oneDNN convolution is active, how many
 * threads. Printed at the start of every notebook and CLI command so that a slow run can be explained.
 *
 * @param backend          ND4J backend ({@code CPU} or {@code CUDA})
 * @param nativeBuild      classifier of the libnd4j build in use, e.g. {@code linux-x86_64-onednn-avx2}
 * @param oneDnnAvailable  whether libnd4j was built with oneDNN and has it enabled
 * @param oneDnnLayers     whether DL4J's oneDNN layer helpers are active (the fast path)
 * @param ompThreads       OpenMP threads libnd4j uses for one op
 * @param blas             BLAS vendor and its thread count
 * @param cpu              CPU model as the OS reports it
 * @param avx2             whether the CPU has AVX2
 * @param java             Java runtime version and vendor
 * @param maxHeapMiB       maximum JVM heap in MiB
 */
public record EnvironmentReport(String backend, String nativeBuild, boolean oneDnnAvailable, boolean oneDnnLayers,
                                int ompThreads, String blas, String cpu, boolean avx2, String java, long maxHeapMiB) {

    static EnvironmentReport collect(String nativeBuild, Backend.CpuFeatures cpu) {
        Properties info = Nd4j.getExecutioner().getEnvironmentInformation();
        String backend = value(info, "backend", "unknown");
        boolean oneDnn = "CPU".equalsIgnoreCase(backend) && NativeCpuEnvironment.oneDnnEnabled();
        boolean helpers = oneDnn && !Boolean.parseBoolean(System.getProperty(Backend.HELPERS_DISABLE_PROPERTY, "true"))
                && BaseMKLDNNHelper.mklDnnEnabled();
        int omp = parseInt(value(info, "omp.threads", ""), Runtime.getRuntime().availableProcessors());
        String blas = value(info, "blas.vendor", "unknown") + " (" + value(info, "blas.threads", "?") + " threads)";
        return new EnvironmentReport(backend, nativeBuild, oneDnn, helpers, omp, blas, cpu.model(), cpu.avx2(),
                System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }

    /** ND4J stores numbers as Integer values, which {@link Properties#getProperty} would not return. */
    private static String value(Properties info, String key, String fallback) {
        Object v = info.get(key);
        return v == null ? fallback : String.valueOf(v);
    }

    private static int parseInt(String value, int fallback) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException | NullPointerException e) {
            return fallback;
        }
    }

    /** @return {@code true} when convolutions run through oneDNN */
    public boolean fastPath() {
        return oneDnnLayers;
    }

    /** @return the report as ordered label/value pairs */
    public Map<String, String> entries() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("backend", backend);
        m.put("natives", nativeBuild);
        m.put("oneDNN", oneDnnLayers ? "on (DL4J's conv/pool/batch-norm layers use oneDNN)"
                : oneDnnAvailable ? "off (built in, layer helpers disabled)" : "off (natives built without oneDNN)");
        m.put("threads", ompThreads + " OpenMP, BLAS " + blas);
        m.put("CPU", cpu + (avx2 ? " (AVX2)" : " (no AVX2)"));
        m.put("Java", java + ", max heap " + maxHeapMiB + " MiB");
        return m;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("LeNet Lab environment\n");
        entries().forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %-8s %s%n", k, v)));
        return sb.toString();
    }

    /** @return a small HTML table for notebook display */
    public String toHtml() {
        StringBuilder sb = new StringBuilder("<table class=\"lenetlab-env\"><caption>LeNet Lab environment</caption>");
        entries().forEach((k, v) -> sb.append("<tr><th style=\"text-align:left\">").append(k).append("</th><td>")
                .append(v.replace("&", "&amp;").replace("<", "&lt;")).append("</td></tr>"));
        return sb.append("</table>").toString();
    }
}
