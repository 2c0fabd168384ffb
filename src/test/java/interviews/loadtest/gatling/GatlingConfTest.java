package interviews.loadtest.gatling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatling.core.config.GatlingConfiguration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The settings Gatling itself loads from the project's gatling.conf: nothing may call out. */
class GatlingConfTest {

  @Test
  void gatlingLoadsTheProjectsConfWithAnalyticsAndWarmUpOff() {
    // Load as Gatling does, without any -D help, so that only gatling.conf can switch them off.
    Properties saved = (Properties) System.getProperties().clone();
    for (String key : List.of("gatling.data.enableAnalytics", "gatling.http.warmUpUrl")) {
      System.clearProperty(key);
    }
    try {
      com.typesafe.config.ConfigFactory.invalidateCaches();
      GatlingConfiguration config = GatlingConfiguration.load();
      assertFalse(config.data().enableAnalytics(), "analytics");
      assertTrue(config.http().warmUpUrl().isEmpty(), "warm-up URL: " + config.http().warmUpUrl());
      assertEquals(95, config.reports().indicators().percentile3());
      assertEquals(99, config.reports().indicators().percentile4());
    } finally {
      System.setProperties(saved);
      com.typesafe.config.ConfigFactory.invalidateCaches();
    }
  }
}
