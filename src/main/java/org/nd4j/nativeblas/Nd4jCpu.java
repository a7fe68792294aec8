package org.nd4j.nativeblas;

/**
 * Compatibility bridge that lets DL4J 1.0.0-M2.1 find out whether oneDNN is active.
 *
 * <p>DL4J's {@code BaseMKLDNNHelper.mklDnnEnabled()} looks up
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment#isUseMKLDNN} by reflection, but nd4j-native M2.1 ships that
 * environment as {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment#isUseONEDNN}. The lookup
 * fails silently and every oneDNN layer helper (convolution, pooling, batch norm, LRN) stays off, which makes
 * LeNet training about five times slower. This class supplies the name DL4J asks for and answers from the real
 * native environment. It is never used when the native bindings are absent (e.g. on the CUDA backend).
 */
public final class Nd4jCpu {
    private Nd4jCpu() {
    }

    /** The view of libnd4j's environment that DL4J's helper check expects. */
    public static final class Environment {
        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        /** @return the single instance, as in the native bindings */
        public static Environment getInstance() {
            return INSTANCE;
        }

        /** @return whether libnd4j was built with oneDNN and has it switched on */
        public boolean isUseMKLDNN() {
            return org.lenetlab.backend.NativeCpuEnvironment.oneDnnEnabled();
        }
    }
}
