package be.samenbord.cluster;

import be.samenbord.Settings;
import com.hazelcast.config.Config;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The member configuration a node builds from its settings. */
class HazelcastSetupTest {

    private static Config config() {
        return HazelcastSetup.config(Settings.fromEnv(Map.of(
                "SAMENBORD_CLUSTER_MEMBERS", "127.0.0.1:15701,127.0.0.1:15702,127.0.0.1:15703", "SAMENBORD_CLUSTER_PORT", "15701",
                "SAMENBORD_CLUSTER_NAME", "setup-test", "SAMENBORD_STORE", "postgresql://u:p@127.0.0.1:1/none")));
    }

    @Test
    @DisplayName("CU-8: the tails wait for their synchronous backup, and an operation whose backup never answered fails")
    void tailsBackUpSynchronously() {
        Config c = config();
        assertEquals(1, c.getMapConfig(BoardTails.MAP).getBackupCount());
        assertEquals(0, c.getMapConfig(BoardTails.MAP).getAsyncBackupCount());
        assertEquals("true", c.getProperty("hazelcast.operation.fail.on.indeterminate.state"));
    }

    @Test
    @DisplayName("CU-8: Vert.x's subscription and node maps back up asynchronously, so a backup ack lost during a join's migrations cannot fail a start")
    void vertxMapsBackUpAsynchronously() {
        Config c = config();
        assertEquals(0, c.getMultiMapConfig("__vertx.subs").getBackupCount());
        assertEquals(1, c.getMultiMapConfig("__vertx.subs").getAsyncBackupCount());
        for (String map : new String[]{"__vertx.nodeInfo", "__vertx.haInfo"}) {
            assertEquals(0, c.getMapConfig(map).getBackupCount(), map);
            assertEquals(1, c.getMapConfig(map).getAsyncBackupCount(), map);
        }
    }
}
