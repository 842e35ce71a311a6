package org.diplomaticledger.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A digest of the chain's head signed with the ledger's Ed25519 key, so that whoever holds it can prove which ledger
 * gave it: the chain version, the head's position and link, the number of links, the boundary of the events stored
 * before the chain ({@code legacyUntil}), when it was taken, and the id of the key that signed it. Plain Java (the
 * JDK's own Ed25519), shared by the ledger and the offline verifier. The signed bytes are the UTF-8 lines
 * <pre>
 * diplomatic-ledger/digest/v1
 * chain
 * position
 * hash
 * events
 * legacyUntil
 * time
 * keyId
 * </pre>
 * each ended by {@code \n}, numbers in decimal. The key id is {@code ed25519:} and the first 16 hex digits of SHA-256
 * over the public key's X.509 (SubjectPublicKeyInfo) encoding.
 */
public record SignedDigest(
        String chain,
        long position,
        String hash,
        long events,
        long legacyUntil,
        String time,
        String keyId,
        String algorithm,
        String signature) {

    public static final String FORMAT = "diplomatic-ledger/digest/v1";
    public static final String ALGORITHM = "Ed25519";
    private static final Pattern PEM =
            Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    /** The bytes the signature covers. */
    public byte[] signedBytes() {
        return (FORMAT + "\n" + chain + "\n" + position + "\n" + hash + "\n" + events + "\n" + legacyUntil + "\n" + time
                        + "\n" + keyId + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The digest signed with {@code key}, whose public half is {@code publicKey}. */
    public static SignedDigest sign(
            String chain,
            long position,
            String hash,
            long events,
            long legacyUntil,
            String time,
            PrivateKey key,
            PublicKey publicKey) {
        SignedDigest unsigned =
                new SignedDigest(chain, position, hash, events, legacyUntil, time, keyId(publicKey), ALGORITHM, null);
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(key);
            signer.update(unsigned.signedBytes());
            return unsigned.withSignature(Base64.getEncoder().encodeToString(signer.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the digest with the ledger's key: " + e.getMessage(), e);
        }
    }

    private SignedDigest withSignature(String value) {
        return new SignedDigest(chain, position, hash, events, legacyUntil, time, keyId, algorithm, value);
    }

    /** Whether the signature is {@code publicKey}'s over these fields (and names that key). */
    public boolean verifies(PublicKey publicKey) {
        if (signature == null
                || !ALGORITHM.equals(algorithm)
                || !keyId(publicKey).equals(keyId)) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(publicKey);
            verifier.update(signedBytes());
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code ed25519:} and the first 16 hex digits of SHA-256 over the key's X.509 encoding. */
    public static String keyId(PublicKey publicKey) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded());
            return "ed25519:" + HexFormat.of().formatHex(sha, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The first {@code PUBLIC KEY} block of a PEM text (X.509 SubjectPublicKeyInfo), or null if it has none. */
    public static PublicKey publicKey(String pem) {
        byte[] der = block(pem, "PUBLIC KEY");
        if (der == null) {
            return null;
        }
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "the PUBLIC KEY block is not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    /** The first {@code PRIVATE KEY} block of a PEM text (PKCS#8), or null if it has none. */
    public static PrivateKey privateKey(String pem) {
        byte[] der = block(pem, "PRIVATE KEY");
        if (der == null) {
            return null;
        }
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "the PRIVATE KEY block is not an Ed25519 PKCS#8 key: " + e.getMessage(), e);
        }
    }

    /** A PEM block of {@code type} around {@code der}, lines of 64 characters. */
    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static byte[] block(String pem, String type) {
        Matcher matcher = PEM.matcher(pem);
        while (matcher.find()) {
            if (matcher.group(1).equals(type)) {
                return Base64.getMimeDecoder().decode(matcher.group(2));
            }
        }
        return null;
    }
}
