package io.conciergehub.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts personal data at rest (AES-256-GCM) and derives a keyed blind index (HMAC-SHA256) so
 * encrypted phone numbers and e-mails can still be looked up by equality. Guest names and message
 * texts are {@link #seal sealed}: the same cipher, marked, and never looked up.
 *
 * <p>Two sub-keys are derived from the master key, so the index never reveals anything about the
 * cipher key.
 */
public final class FieldCrypto {

    static final String KEY_FILE = "encryption.key";
    // Marks sealed values, so that values stored in clear before they were encrypted can be told apart.
    static final String SEALED = "enc1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec cipherKey;
    private final Hmac blindIndex;
    private final String fingerprint;
    private final String keyCheck;
    private final SecureRandom random = new SecureRandom();
    // Looking a cipher up by name costs more than using it; instances are not thread-safe.
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(FieldCrypto::newCipher);

    public FieldCrypto(byte[] masterKey) {
        if (masterKey.length != 32) {
            throw new IllegalArgumentException("concierge.encryption-key must be 32 bytes, base64-encoded");
        }
        this.cipherKey = new SecretKeySpec(derive(masterKey, "field-encryption"), "AES");
        this.blindIndex = new Hmac(derive(masterKey, "blind-index"));
        // 64 bits of an HMAC under the key: two nodes can compare keys without either revealing it.
        this.fingerprint = HexFormat.of().formatHex(derive(masterKey, "pair-key-fingerprint"), 0, 8);
        this.keyCheck = HexFormat.of().formatHex(derive(masterKey, "data-key-check"));
    }

    /** The check value a database keeps of the key its data is encrypted under (an HMAC under it, never the key). */
    public String keyCheck() {
        return keyCheck;
    }

    /** Identifies the key (not the key itself): a pair whose fingerprints differ cannot read each other's rows. */
    public String fingerprint() {
        return fingerprint;
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Uses the configured base64 key, or the key file in the data directory, creating it (mode
     * 0600) at first start.
     */
    public static FieldCrypto fromConfiguredKeyOrFile(String configuredBase64, Path dataDir) {
        if (configuredBase64 != null && !configuredBase64.isBlank()) {
            return new FieldCrypto(Base64.getDecoder().decode(configuredBase64.trim()));
        }
        return new FieldCrypto(PrivateFiles.generatedKey(dataDir.resolve(KEY_FILE)));
    }

    public String encrypt(String plain) {
        if (plain == null) {
            return null;
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, cipherKey, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    public String decrypt(String token) {
        if (token == null) {
            return null;
        }
        try {
            byte[] all = Base64.getDecoder().decode(token);
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, cipherKey, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Decryption failed: wrong concierge.encryption-key?", e);
        }
    }

    /** Encrypts a name or a message text, marked as sealed. */
    public String seal(String plain) {
        return plain == null ? null : SEALED + encrypt(plain);
    }

    /**
     * The clear value of a {@link #seal sealed} one. An unmarked value was stored in clear before
     * sealing existed (the start-up migration seals those) and is returned as it is.
     */
    public String open(String stored) {
        return isSealed(stored) ? decrypt(stored.substring(SEALED.length())) : stored;
    }

    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(SEALED);
    }

    /** Deterministic keyed hash of an already normalised value, for equality look-ups. */
    public String blindIndex(String normalized) {
        if (normalized == null) {
            return null;
        }
        return HexFormat.of().formatHex(blindIndex.of(normalized.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] derive(byte[] masterKey, String purpose) {
        return new Hmac(masterKey).of(purpose.getBytes(StandardCharsets.UTF_8));
    }
}
