package io.conciergehub.support;

import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The hub a test class talks to, started once before its tests and stopped after them:
 * {@code @RegisterExtension static final HubUnderTest env = HubUnderTest.withSpoki(...)}.
 * Either it answers through a Spoki stub, or through the embedded 'log' provider.
 */
public final class HubUnderTest implements BeforeAllCallback, AfterAllCallback {

    private final Consumer<SpokiStub> stubSetup;
    private final UnaryOperator<TestHub.Builder> settings;
    private SpokiStub spoki;
    private TestHub hub;

    private HubUnderTest(Consumer<SpokiStub> stubSetup, UnaryOperator<TestHub.Builder> settings) {
        this.stubSetup = stubSetup;
        this.settings = settings;
    }

    /** A hub with the embedded 'log' provider (answers in {@code outbound.jsonl}). */
    public static HubUnderTest withLogProvider(UnaryOperator<TestHub.Builder> settings) {
        return new HubUnderTest(null, settings);
    }

    public static HubUnderTest withLogProvider() {
        return withLogProvider(hub -> hub);
    }

    /** A hub answering through a Spoki stub, prepared by {@code stubSetup} before the hub starts. */
    public static HubUnderTest withSpoki(Consumer<SpokiStub> stubSetup, UnaryOperator<TestHub.Builder> settings) {
        return new HubUnderTest(stubSetup, settings);
    }

    public static HubUnderTest withSpoki(UnaryOperator<TestHub.Builder> settings) {
        return withSpoki(stub -> { }, settings);
    }

    public static HubUnderTest withSpoki() {
        return withSpoki(hub -> hub);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        TestHub.Builder builder = TestHub.builder().name(context.getRequiredTestClass().getSimpleName());
        if (stubSetup != null) {
            spoki = new SpokiStub();
            stubSetup.accept(spoki);
            builder = spoki.configure(builder);
        }
        hub = settings.apply(builder).start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (hub != null) {
            hub.close();
        }
        if (spoki != null) {
            spoki.close();
        }
    }

    public TestHub hub() {
        return hub;
    }

    public SpokiStub spoki() {
        if (spoki == null) {
            throw new IllegalStateException("this hub answers through the log provider, not a Spoki stub");
        }
        return spoki;
    }
}
