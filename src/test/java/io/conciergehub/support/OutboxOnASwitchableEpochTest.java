package io.conciergehub.support;

import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.Configure;

/**
 * An outbox route test whose node the test fences, deposes and makes active again through
 * {@link #epoch}, in place of the failover's epoch.
 */
public abstract class OutboxOnASwitchableEpochTest extends OutboxRouteTest {

    protected final SwitchableEpoch epoch = new SwitchableEpoch();

    @Configure
    protected void anEpochTheTestSwitches(MainConfigurationProperties configuration) {
        configuration.addConfiguration(epoch);
    }
}
