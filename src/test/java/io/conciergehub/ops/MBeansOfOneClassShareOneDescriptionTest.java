package io.conciergehub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.Jolokia;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The thousands of processor MBeans are described once per class (the heap they used to take is
 * in docs/performance.md), and each still answers for its own processor: forcing one circuit
 * breaker open through JMX leaves the others closed.
 */
class MBeansOfOneClassShareOneDescriptionTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    @Test
    void processorMBeansOfOneClassShareTheirAttributeDescriptions() throws Exception {
        CamelContext context = env.hub().context();
        MBeanServer server = context.getManagementStrategy().getManagementAgent().getMBeanServer();
        List<MBeanInfo> infos = server.queryNames(new ObjectName("org.apache.camel:context="
                + context.getManagementName() + ",type=processors,*"), null).stream().map(name -> info(server, name)).toList();
        Map<String, List<MBeanInfo>> byClass = infos.stream().collect(Collectors.groupingBy(MBeanInfo::getClassName));
        List<MBeanInfo> largest = byClass.values().stream().max((a, b) -> a.size() - b.size()).orElseThrow();

        assertThat(infos).as("the hub's processor MBeans").hasSizeGreaterThan(500);
        assertThat(byClass).as("far fewer classes than MBeans").hasSizeLessThan(infos.size() / 10);
        MBeanAttributeInfo first = largest.get(0).getAttributes()[0];
        assertThat(largest).as(largest.size() + " MBeans of " + largest.get(0).getClassName())
                .allSatisfy(info -> assertThat(info.getAttributes()[0]).isSameAs(first));
    }

    @Test
    void forcingOneBreakerOpenLeavesTheOthersClosed() throws Exception {
        Jolokia jolokia = new Jolokia(env.hub());
        String events = jolokia.mbean("org.apache.camel:type=processors,*", "events-sink");
        String model = jolokia.mbean("org.apache.camel:type=processors,*", "llm");

        assertThat(jolokia.exec(events, "transitionToForcedOpenState").path("status").asInt()).isEqualTo(200);

        assertThat(jolokia.read(events, "CircuitBreakerState").path("value").asText()).isEqualTo("FORCED_OPEN");
        assertThat(jolokia.read(model, "CircuitBreakerState").path("value").asText()).isEqualTo("CLOSED");
        assertThat(jolokia.exec(events, "transitionToCloseState").path("status").asInt()).isEqualTo(200);
    }

    private static MBeanInfo info(MBeanServer server, ObjectName name) {
        try {
            return server.getMBeanInfo(name);
        } catch (Exception e) {
            throw new IllegalStateException(name.toString(), e);
        }
    }
}
