package io.conciergehub.console;

import static org.awaitility.Awaitility.await;

import io.conciergehub.support.ConsoleBrowser;
import io.conciergehub.support.ConsolePage;
import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.LiveClient;
import io.conciergehub.support.Webhooks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console's figures for the README, not a test of behaviour (no assertion; not in the suite):
 * the page's weight and time to interactive on first load in headless Chromium, and the time from
 * a webhook's 200 to the message's event shown on an open console, over 200 messages; the heap
 * that 50 open consoles' feeds take.
 * <pre>mvn -o -B -q test -Dtest=ConsoleFigures -Dconsole.figures=true</pre>
 */
@EnabledIfSystemProperty(named = "console.figures", matches = "true")
@EnabledIf("io.conciergehub.support.ConsolePage#chromiumIsInstalled")
class ConsoleFigures {

    static final int MESSAGES = 200;

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> hub.property("api.rate-limit", "100000"));

    @Test
    void measure() throws Exception {
        ConsoleBrowser.createAccount(env.hub(), "tina", "staff");
        try (ConsolePage page = new ConsolePage()) {
            page.browser().get(env.hub().url("/console"));
            page.find(org.openqa.selenium.By.id("login-name"));
            Object weight = page.script("var n = performance.getEntriesByType('navigation')[0];"
                    + " var total = n.transferSize; performance.getEntriesByType('resource').forEach(function (r) {"
                    + " total += r.transferSize; }); return total + ' bytes transferred, interactive after '"
                    + " + Math.round(n.domInteractive) + ' ms, loaded after ' + Math.round(n.loadEventEnd) + ' ms';");
            System.out.println("FIGURE first load: " + weight);
            page.openAndLogIn(env.hub().url(""), "tina");

            List<Long> latencies = new ArrayList<>();
            java.util.Random phase = new java.util.Random(15);
            for (int i = 0; i < MESSAGES; i++) {
                // Each webhook at a random moment of the push's period, not just after a push.
                await().pollDelay(Duration.ofMillis(phase.nextInt(300))).until(() -> true);
                long before = env.hub().count("SELECT COALESCE(MAX(seq), 0) FROM console_events");
                String body = Webhooks.spokiInbound("+3933311500" + String.format("%02d", i % 20), "message " + i);
                if (env.hub().postSpoki(body).statusCode() != 200) {
                    throw new AssertionError("webhook refused");
                }
                long acknowledged = System.currentTimeMillis();
                long seq = env.hub().count("SELECT MIN(seq) FROM console_events WHERE seq > " + before
                        + " AND kind = 'message'");
                AtomicLong shown = new AtomicLong();
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(() -> {
                    Object at = page.script("var e = document.querySelector(\"#activity li[data-seq='" + seq + "']\");"
                            + " return e ? e.dataset.shownAt : null;");
                    if (at == null) {
                        return false;
                    }
                    shown.set(Long.parseLong(String.valueOf(at)));
                    return true;
                });
                latencies.add(shown.get() - acknowledged);
            }
            Collections.sort(latencies);
            System.out.println("FIGURE webhook 200 -> event shown on an open console over " + MESSAGES + " messages: p50 "
                    + latencies.get(MESSAGES / 2) + " ms, p99 " + latencies.get(MESSAGES * 99 / 100 - 1) + " ms, max "
                    + latencies.get(MESSAGES - 1) + " ms (console.live-poll 250ms)");
        }
        String cookie = new ConsoleBrowser(env.hub()).loggedInAs("tina").cookieHeader("/console/live");
        long heapBefore = usedHeapAfterGc();
        List<LiveClient> consoles = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            consoles.add(LiveClient.open(env.hub(), "Cookie", cookie));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> consoles.stream().allMatch(live -> !live.frames("heartbeat").isEmpty()));
        long heapWith50 = usedHeapAfterGc();
        System.out.println("FIGURE 50 open consoles (feed sockets, test JVM: hub and clients): heap "
                + (heapWith50 - heapBefore) / 1024 + " KiB more, " + heapWith50 / (1024 * 1024) + " MiB used in all");
        consoles.forEach(LiveClient::close);
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
