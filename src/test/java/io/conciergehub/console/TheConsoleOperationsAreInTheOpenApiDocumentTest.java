package io.conciergehub.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.HubUnderTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The console's session and staff operations are described in /openapi.json, with the session cookie as a credential. */
class TheConsoleOperationsAreInTheOpenApiDocumentTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    @Test
    void theOpenApiDocumentDescribesTheConsole() throws Exception {
        HttpResponse<String> openApi = env.hub().get("/openapi.json");

        assertThat(openApi.statusCode()).isEqualTo(200);
        assertThat(openApi.body()).contains("\"/console/session\"", "\"/console/session/refresh\"",
                "\"/console/session/logout-everywhere\"", "\"/api/console/me\"", "\"/api/console/staff\"",
                "\"/api/console/staff/{name}/disable\"", "\"console_session\"");
    }
}
