package io.conciergehub.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Staff passwords: the rules a new one must meet, and its Argon2id hash (BouncyCastle) in the PHC
 * string format {@code $argon2id$v=19$m=32768,t=3,p=1$<salt>$<hash>}, with a random 16-byte salt
 * per password. The parameters travel with each hash, so stronger ones apply to new passwords
 * without touching the old. 32 MiB, 3 passes, 1 lane cost about 80 ms on the hub's two-core
 * machine when quiet, 125 ms when busy (OWASP's minimum, 19 MiB and 2 passes, costs 40 ms): slow
 * for a guesser, quick enough for a login.
 * Verification compares in constant time.
 */
public final class Passwords {

    public static final int MIN_LENGTH = 12;
    /** A cap on what is hashed, so a megabyte "password" costs no more than a normal one. */
    public static final int MAX_LENGTH = 256;
    static final int MEMORY_KIB = 32 * 1024;
    static final int ITERATIONS = 3;
    static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,2}),p=(\\d{1,2})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    private final SecureRandom random = new SecureRandom();
    /** Hashed with when a login names no account, so that it takes as long as a wrong password. */
    private final byte[] decoySalt = new byte[SALT_BYTES];

    public Passwords() {
        random.nextBytes(decoySalt);
    }

    /** Why {@code password} may not be a staff password, or empty when it may. Never repeats the password. */
    public static Optional<String> problem(String password) {
        if (password == null || password.isEmpty()) {
            return Optional.of("is required");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return Optional.of("must be at least " + MIN_LENGTH + " characters long (a passphrase of a few words is best)");
        }
        if (length > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters long");
        }
        if (password.isBlank()) {
            return Optional.of("must not be only spaces");
        }
        return Optional.empty();
    }

    /** The Argon2id hash of {@code password} with a new salt, as a PHC string. */
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = argon2(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** Whether {@code password} is the one {@code stored} was made from; false for anything unreadable. */
    public boolean verify(String stored, String password) {
        Matcher phc = stored == null ? null : PHC.matcher(stored);
        if (phc == null || !phc.matches() || password == null) {
            return false;
        }
        byte[] expected = B64_DECODER.decode(phc.group(5));
        byte[] actual = argon2(password, B64_DECODER.decode(phc.group(4)), Integer.parseInt(phc.group(1)),
                Integer.parseInt(phc.group(2)), Integer.parseInt(phc.group(3)), expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /** Spends a verification's time on nothing: a login for a name no account has. Always false. */
    public boolean verifyNothing(String password) {
        argon2(password == null ? "" : password, decoySalt, MEMORY_KIB, ITERATIONS, PARALLELISM);
        return false;
    }

    private static byte[] argon2(String password, byte[] salt, int memoryKib, int iterations, int parallelism) {
        return argon2(password, salt, memoryKib, iterations, parallelism, HASH_BYTES);
    }

    private static byte[] argon2(String password, byte[] salt, int memoryKib, int iterations, int parallelism,
            int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt).withMemoryAsKB(memoryKib).withIterations(iterations).withParallelism(parallelism).build());
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
