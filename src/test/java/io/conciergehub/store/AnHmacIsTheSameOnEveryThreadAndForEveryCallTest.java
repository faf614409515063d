package io.conciergehub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link Hmac} keeps one Mac per thread and reuses it: each HMAC must still be that of its own
 * parts alone, on whichever thread. The expected value is RFC 4231's test case 2 (key "Jefe").
 */
class AnHmacIsTheSameOnEveryThreadAndForEveryCallTest {

    private static final String RFC_4231_CASE_2 = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
    private final Hmac hmac = new Hmac("Jefe".getBytes(StandardCharsets.US_ASCII));

    @Test
    void partsAreSignedAsOneMessage() {
        assertThat(hex(hmac.of(bytes("what do ya want "), bytes("for nothing?")))).isEqualTo(RFC_4231_CASE_2);
    }

    @Test
    void eachCallOnTheSameThreadSignsItsOwnPartsAlone() {
        hmac.of(bytes("an earlier message"));

        assertThat(hex(hmac.of(bytes("what do ya want for nothing?")))).isEqualTo(RFC_4231_CASE_2);
        assertThat(hex(hmac.of(bytes("what do ya want for nothing?")))).isEqualTo(RFC_4231_CASE_2);
    }

    @Test
    void anotherThreadSignsWithTheSameKey() throws Exception {
        hmac.of(bytes("this thread's Mac is made first"));

        String elsewhere = CompletableFuture.supplyAsync(() -> hex(hmac.of(bytes("what do ya want for nothing?")))).get(10, TimeUnit.SECONDS);

        assertThat(elsewhere).isEqualTo(RFC_4231_CASE_2);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
