package dev.metricsadapter.cli;

import dev.metricsadapter.tls.PemCertificates;
import dev.metricsadapter.tls.ServingCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Checks of files named by flags, read at start so that a bad one is one line naming the flag and
 * the file instead of a failure later. Each throws {@link FlagException}; an absent file passes.
 */
final class FlagFiles {

  private FlagFiles() {}

  /** Fails unless {@code path} exists (a file or a directory). */
  static Path existing(String flag, Path path) {
    if (!Files.exists(path)) {
      throw FlagException.of(flag, path + " does not exist");
    }
    return path;
  }

  /** Fails unless {@code path}, when given, is a readable regular file. */
  static Optional<Path> readable(String flag, Path path) {
    if (path != null && !(Files.isRegularFile(path) && Files.isReadable(path))) {
      throw FlagException.of(flag, path + " is not a readable file");
    }
    return Optional.ofNullable(path);
  }

  /** As {@link #readable}, and the file holds something other than white space. */
  static Optional<Path> nonEmpty(String flag, Path path) {
    readable(flag, path);
    if (path != null && read(flag, path).isBlank()) {
      throw FlagException.of(flag, path + " is empty");
    }
    return Optional.ofNullable(path);
  }

  /** As {@link #readable}, and the file is a PEM certificate bundle. */
  static Optional<Path> certificates(String flag, Path path) {
    readable(flag, path);
    if (path != null) {
      try {
        PemCertificates.parse(read(flag, path), path.toString());
      } catch (IllegalArgumentException e) {
        throw FlagException.of(flag, e.getMessage());
      }
    }
    return Optional.ofNullable(path);
  }

  /**
   * Fails unless both or neither of the files are given, and given ones are a readable PEM
   * certificate chain and its private key.
   *
   * @param flag the certificate's flag, named in every message
   * @param keyFlag the key's flag
   */
  static void keyPair(String flag, Path certificate, String keyFlag, Path key) {
    if ((certificate == null) != (key == null)) {
      throw new FlagException(flag + " and " + keyFlag + " must be given together");
    }
    readable(flag, certificate);
    readable(keyFlag, key);
    if (certificate != null) {
      try {
        new ServingCertificate(certificate, key).read();
      } catch (IllegalArgumentException e) {
        throw FlagException.of(flag, e.getMessage());
      }
    }
  }

  private static String read(String flag, Path file) {
    try {
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException | UncheckedIOException e) {
      throw FlagException.of(flag, "cannot read " + file + ": " + e.getMessage());
    }
  }
}
