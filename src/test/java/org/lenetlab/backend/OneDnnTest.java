package org.lenetlab.backend;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OneDnnTest {
    @Test
    void loadsOnThePlatformsTheBuildShipsNativesFor() {
        String os = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT);
        String arch = System.getProperty("os.arch");
        if (os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64"))) {
            assertTrue(OneDnn.available(), "org.bytedeco:dnnl natives should load on linux-x86_64");
        }
    }

    @Test
    void configuringTheBackendStartsThePreloadOnce() throws InterruptedException {
        Backend.configure();
        assertTrue(OneDnn.preloadStarted());
        OneDnn.preloadInBackground();
        OneDnn.preloadInBackground();
        long preloads = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("lenetlab-onednn-preload")).count();
        assertTrue(preloads <= 1, preloads + " preload threads");
    }
}
