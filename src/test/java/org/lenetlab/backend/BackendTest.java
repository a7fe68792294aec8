package org.lenetlab.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BackendTest {

    @Test
    void fastPathIsOnByDefault() {
        EnvironmentReport report = Backend.report();
        assertEquals("CPU", report.backend());
        assertTrue(report.nativeBuild().contains("onednn"), report.nativeBuild());
        assertTrue(report.oneDnnAvailable(), "natives built with oneDNN");
        assertTrue(report.fastPath(), "oneDNN layer helpers active:\n" + report);
        assertTrue(report.toString().contains("oneDNN   on"), report.toString());
    }

    @Test
    void cpuWithoutAvx2CannotRunAvx2Natives() {
        Backend.CpuFeatures old = new Backend.CpuFeatures("old CPU", false, false, true);
        assertFalse(old.canRun("-onednn-avx2"));
        assertTrue(old.canRun("-onednn"));
        assertTrue(old.canRun(""));
        Backend.CpuFeatures unknown = new Backend.CpuFeatures("?", false, false, false);
        assertTrue(unknown.canRun("-onednn-avx2"), "unknown CPUs are left to the natives' own check");
    }
}
