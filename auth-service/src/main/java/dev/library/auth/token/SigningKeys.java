package dev.library.auth.token;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RSA keys of this issuer, read from PEM files in one directory. Every key there is published
 * in the JWKS; the private key whose file name sorts last signs new tokens. Rotation is therefore:
 * add a newer key file (it signs from the next start), keep the old one published until every
 * token it signed has expired, then remove it (or leave only its public key). The {@code kid} is
 * the key's RFC 7638 thumbprint, so it is the same wherever the key is loaded.
 */
public final class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final int MIN_KEY_SIZE = 2048;

    private final List<RSAKey> keys;
    private final RSAKey signingKey;

    private SigningKeys(List<RSAKey> keys) {
        this.keys = List.copyOf(keys);
        this.signingKey = keys.stream().filter(RSAKey::isPrivate).reduce((first, second) -> second)
                .orElseThrow(() -> new IllegalStateException("no private key to sign with"));
    }

    /** Loads the keys in {@code dir}, first generating one there if it has none and that is allowed. */
    public static SigningKeys load(TokenProperties.SigningKeys config) {
        Path dir = config.dir();
        try {
            if (config.generateIfMissing() && pemFiles(dir).isEmpty()) {
                generate(dir, config.keySize());
            }
            List<RSAKey> keys = new ArrayList<>();
            for (Path file : pemFiles(dir)) {
                keys.add(read(file));
            }
            if (keys.isEmpty()) {
                throw new IllegalStateException("no signing key in " + dir.toAbsolutePath()
                        + " (mount PEM keys there, or set library.auth.signing-keys.generate-if-missing=true)");
            }
            SigningKeys loaded = new SigningKeys(keys);
            log.info("Loaded {} key(s) from {}; signing with kid {}", keys.size(), dir.toAbsolutePath(),
                    loaded.signingKey.getKeyID());
            return loaded;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read signing keys from " + dir.toAbsolutePath(), e);
        }
    }

    /** The key that signs new tokens (with its private part). */
    public RSAKey signingKey() {
        return signingKey;
    }

    /** Every key, private parts included: for this service's own JWT encoder and decoder. */
    public JWKSet privateJwkSet() {
        return new JWKSet(new ArrayList<>(keys));
    }

    /** What the JWKS endpoint publishes: the public parts only. */
    public JWKSet publicJwkSet() {
        return privateJwkSet().toPublicJWKSet();
    }

    private static List<Path> pemFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".pem")).sorted().toList();
        }
    }

    private static RSAKey read(Path file) throws IOException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAKey.Builder builder;
            if (pem.contains("-----BEGIN PRIVATE KEY-----")) {
                RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(
                        new PKCS8EncodedKeySpec(der(pem, "PRIVATE KEY")));
                RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(
                        new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
                builder = new RSAKey.Builder(publicKey).privateKey(privateKey);
            } else if (pem.contains("-----BEGIN PUBLIC KEY-----")) {
                builder = new RSAKey.Builder((RSAPublicKey) rsa.generatePublic(
                        new X509EncodedKeySpec(der(pem, "PUBLIC KEY"))));
            } else {
                throw new IllegalStateException(file + " is neither a PKCS#8 private key nor a public key PEM"
                        + " (convert a PKCS#1 key with: openssl pkcs8 -topk8 -nocrypt)");
            }
            RSAKey key = builder.keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build();
            if (key.size() < MIN_KEY_SIZE) {
                throw new IllegalStateException(file + " is a " + key.size() + "-bit key; at least "
                        + MIN_KEY_SIZE + " bits are required");
            }
            return new RSAKey.Builder(key).keyIDFromThumbprint().build();
        } catch (NoSuchAlgorithmException | InvalidKeySpecException | JOSEException | ClassCastException e) {
            throw new IllegalStateException("cannot read the RSA key in " + file, e);
        }
    }

    private static byte[] der(String pem, String type) {
        String base64 = pem.substring(pem.indexOf("-----BEGIN " + type + "-----") + ("-----BEGIN " + type + "-----").length(),
                pem.indexOf("-----END " + type + "-----")).replaceAll("\\s", "");
        return Base64.getDecoder().decode(base64);
    }

    private static void createOwnerOnlyDirectories(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        if (absolute.getParent() != null) {
            createOwnerOnlyDirectories(absolute.getParent());
        }
        try {
            Files.createDirectory(absolute, ownerOnly("rwx------"));
        } catch (FileAlreadyExistsException raced) {
            // created meanwhile
        }
    }

    private static FileAttribute<?>[] ownerOnly(String permissions) {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))}
                : new FileAttribute<?>[0];
    }

    /** Writes a new RSA private key to {@code dir}, readable by its owner only. */
    public static Path generate(Path dir, int keySize) throws IOException {
        if (keySize < MIN_KEY_SIZE) {
            throw new IllegalArgumentException("key size " + keySize + " is below " + MIN_KEY_SIZE);
        }
        createOwnerOnlyDirectories(dir);
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(keySize);
            pair = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
        String name = "key-" + LocalDate.now(ZoneOffset.UTC) + "-" + System.currentTimeMillis() + ".pem";
        Path file = dir.resolve(name);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        // Owner-only from its creation: there is no moment in which another user could read the key.
        try (SeekableByteChannel out = Files.newByteChannel(file, EnumSet.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), ownerOnly("rw-------"))) {
            out.write(ByteBuffer.wrap(pem.getBytes(StandardCharsets.US_ASCII)));
        }
        log.info("Generated a {}-bit RSA signing key at {}", keySize, file.toAbsolutePath());
        return file;
    }
}
