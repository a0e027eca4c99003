package be.samenbord.indicators;

import be.samenbord.Settings;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CF-2, IND-4, IND-10, IND-14: the team-indicator settings, their defaults and refusals. */
class IndicatorSettingsTest {

    @Test
    @DisplayName("CF-2: defaults of every SAMENBORD_INDICATOR_* and SAMENBORD_GOOGLE_* setting")
    void defaults() {
        Settings.Indicators i = Settings.defaults().indicators();
        assertEquals(Optional.empty(), i.key());
        assertEquals(5, i.k());
        assertEquals(10, i.kHeart());
        assertEquals(365, i.retentionDays());
        assertEquals(1 << 30, i.maxImportBytes());
        assertEquals(2, i.importThreads());
        assertEquals(500, i.maxPeople());
        assertFalse(i.google());
        assertEquals("https://accounts.google.com/o/oauth2/v2/auth", i.googleAuthUrl());
        assertEquals("https://oauth2.googleapis.com/token", i.googleTokenUrl());
        assertEquals("https://health.googleapis.com/v4", i.googleApiUrl());
        assertEquals(90, i.googlePullDays());
        for (String v : new String[]{"INDICATOR_KEY", "INDICATOR_K", "INDICATOR_K_HEART", "INDICATOR_RETENTION_DAYS",
                "INDICATOR_MAX_IMPORT_BYTES", "INDICATOR_IMPORT_THREADS", "INDICATOR_MAX_PEOPLE", "GOOGLE_CLIENT_ID",
                "GOOGLE_CLIENT_SECRET", "GOOGLE_AUTH_URL", "GOOGLE_TOKEN_URL", "GOOGLE_API_URL", "GOOGLE_PULL_DAYS"}) {
            assertTrue(Settings.VARIABLES.contains(v), v + " is declared, so it is not reported as a typo");
        }
    }

    @Test
    @DisplayName("IND-10: k below 2 is refused naming the variable; a client id and secret turn the connector on")
    void values() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Settings.fromEnv(Map.of("SAMENBORD_INDICATOR_K", "1")));
        assertTrue(e.getMessage().contains("SAMENBORD_INDICATOR_K"), e.getMessage());
        Settings s = Settings.fromEnv(Map.of("SAMENBORD_INDICATOR_K", "7", "SAMENBORD_INDICATOR_K_HEART", "12",
                "SAMENBORD_GOOGLE_CLIENT_ID", "id", "SAMENBORD_GOOGLE_CLIENT_SECRET", "secret"));
        assertEquals(7, s.indicators().k());
        assertEquals(12, s.indicators().kHeart());
        assertTrue(s.indicators().google());
    }
}
