package io.conciergehub.console;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.conciergehub.store.ConfigurationException;
import io.conciergehub.store.PrivateFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;

/**
 * The console's access tokens: JWTs signed with HS256 (Nimbus JOSE+JWT), valid for
 * {@code console.session-ttl}, naming the account ({@code sub}) and its session ({@code sid}).
 * The key is {@code console.jwt-secret} (at least 32 characters; give both nodes of a pair the
 * same one so a session survives a failover without a refresh), or 32 random bytes generated at
 * the first start into {@code <data-dir>/console-jwt.key}, mode 0600, like the encryption key.
 * Expiry is checked against the hub's clock, without leeway: one node issues and checks.
 */
public final class SessionTokens {

    static final String KEY_FILE = "console-jwt.key";
    public static final int MIN_SECRET_LENGTH = 32;
    private static final String ISSUER = "concierge-hub";

    /** What a valid token says. */
    public record Claims(String name, String sid, long expiresAt) {
    }

    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Clock clock;
    private final long ttlMillis;

    SessionTokens(byte[] key, Clock clock, long ttlMillis) {
        try {
            this.signer = new MACSigner(key);
            this.verifier = new MACVerifier(key);
        } catch (JOSEException e) {
            throw new IllegalStateException("the console's JWT key is unusable", e);
        }
        this.clock = clock;
        this.ttlMillis = ttlMillis;
    }

    /** With the configured secret, or the data directory's key file (made at the first start). */
    public static SessionTokens fromConfiguredOrFile(String secret, Path dataDir, Clock clock, long ttlMillis) {
        if (secret != null && !secret.isBlank()) {
            if (secret.trim().length() < MIN_SECRET_LENGTH) {
                throw new ConfigurationException("console.jwt-secret is shorter than " + MIN_SECRET_LENGTH
                        + " characters");
            }
            return new SessionTokens(secret.trim().getBytes(StandardCharsets.UTF_8), clock, ttlMillis);
        }
        return new SessionTokens(PrivateFiles.generatedKey(dataDir.resolve(KEY_FILE)), clock, ttlMillis);
    }

    public long ttlMillis() {
        return ttlMillis;
    }

    /** A new token for the account's session, valid from now for the TTL. */
    public String issue(String name, String sid) {
        long now = clock.millis();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject(name).claim("sid", sid)
                .issueTime(new Date(now)).expirationTime(new Date(now + ttlMillis)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a console token", e);
        }
        return jwt.serialize();
    }

    /** The claims of a token signed with this key (HS256 only), issued here and not expired; else empty. */
    public Optional<Claims> verify(String token) {
        if (token == null || token.isBlank() || token.length() > 4096) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expires = claims.getExpirationTime();
            String sid = claims.getStringClaim("sid");
            if (!ISSUER.equals(claims.getIssuer()) || expires == null || expires.getTime() <= clock.millis()
                    || claims.getSubject() == null || sid == null) {
                return Optional.empty();
            }
            return Optional.of(new Claims(claims.getSubject(), sid, expires.getTime()));
        } catch (ParseException | JOSEException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
