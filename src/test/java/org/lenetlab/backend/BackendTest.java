package org.lenetlab.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

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

    @Test
    void choosesFastestNativesTheCpuCanRun() {
        Backend.CpuFeatures modern = new Backend.CpuFeatures("Zen 3", true, false, true);
        Backend.CpuFeatures old = new Backend.CpuFeatures("Core 2", false, false, true);
        List<String> both = List.of("-onednn-avx2", "-onednn");
        assertEquals(Optional.of("-onednn-avx2"), Backend.chooseExtension("linux-x86_64", both, modern, null));
        assertEquals(Optional.of("-onednn"), Backend.chooseExtension("linux-x86_64", both, old, null));
        assertEquals(Optional.of("-onednn"), Backend.chooseExtension("linux-x86_64", both, modern, "-onednn"),
                "an explicit choice wins");
        assertEquals(Optional.empty(), Backend.chooseExtension("linux-x86_64", List.of(), modern, null));
    }

    @Test
    void refusesAvx2NativesOnOldCpuWithAdvice() {
        Backend.CpuFeatures old = new Backend.CpuFeatures("Core 2 Duo", false, false, true);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Backend.chooseExtension("linux-x86_64", List.of("-onednn-avx2"), old, null));
        assertTrue(e.getMessage().contains("linux-x86_64-onednn-avx2"), e.getMessage());
        assertTrue(e.getMessage().contains("AVX2"), e.getMessage());
        assertTrue(e.getMessage().contains("Core 2 Duo"), e.getMessage());
        assertTrue(e.getMessage().contains("-Dnd4j.cpu=portable"), e.getMessage());
    }
}
