package io.conciergehub.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;

/** Meta's WhatsApp Cloud API as a WireMock stub; each test stubs its answers on {@link #server()}. */
public final class WhatsAppCloudStub implements AutoCloseable {

    public static final String PHONE_NUMBER_ID = "106540352242922";
    public static final String SEND_PATH = "/v21.0/" + PHONE_NUMBER_ID + "/messages";
    public static final String TOKEN = "system-user-token";

    private final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());

    public WhatsAppCloudStub() {
        server.start();
    }

    public WireMockServer server() {
        return server;
    }

    /** The properties that make a hub send through this stub. */
    public TestHub.Builder configure(TestHub.Builder hub) {
        return hub.property("messaging.provider", "whatsapp-cloud").property("whatsapp.base-url", server.baseUrl())
                .property("whatsapp.api-version", "v21.0").property("whatsapp.phone-number-id", PHONE_NUMBER_ID)
                .property("whatsapp.token", TOKEN);
    }

    @Override
    public void close() {
        server.stop();
    }
}
