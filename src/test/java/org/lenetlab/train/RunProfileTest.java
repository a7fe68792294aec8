package org.lenetlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RunProfileTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(RunProfile.PROPERTY);
    }

    @Test
    void parsesBothNamesInAnyCaseAndDefaultsToSmoke() {
        assertEquals(RunProfile.FULL, RunProfile.parse(" Full "));
        assertEquals(RunProfile.SMOKE, RunProfile.parse("smoke"));
        assertEquals(RunProfile.SMOKE, RunProfile.parse(null));
        assertEquals(RunProfile.SMOKE, RunProfile.parse(""));
    }

    @Test
    void rejectsAnUnknownProfileNamingTheVariableAndTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunProfile.parse("fast"));
        assertTrue(e.getMessage().contains("LENETLAB_PROFILE=fast"), e.getMessage());
        assertTrue(e.getMessage().contains("smoke") && e.getMessage().contains("full"), e.getMessage());
    }

    @Test
    void systemPropertyWinsOverTheEnvironment() {
        System.setProperty(RunProfile.PROPERTY, "full");
        assertEquals(RunProfile.FULL, RunProfile.current());
        assertEquals(20, RunProfile.current().pick(5, 20));
    }
}
