package org.lenetlab.backend;

import java.lang.reflect.Method;

/**
 * Reflective access to libnd4j's CPU environment ({@code Nd4jCpu.Environment}), so that the library compiles and
 * runs with any ND4J backend; on CUDA the class is absent and every answer is "no".
 */
public final class NativeCpuEnvironment {
    private static final String CLASS_NAME = "org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment";

    private NativeCpuEnvironment() {
    }

    /** @return whether the CPU natives are present, built with oneDNN, and have it switched on */
    public static boolean oneDnnEnabled() {
        try {
            Class<?> environment = Class.forName(CLASS_NAME, true, NativeCpuEnvironment.class.getClassLoader());
            Object instance = environment.getMethod("getInstance").invoke(null);
            Method isUseOneDnn = environment.getMethod("isUseONEDNN");
            return (Boolean) isUseOneDnn.invoke(instance);
        } catch (ReflectiveOperationException | LinkageError e) {
            return false;
        }
    }
}
