package io.ringwatch.detectors.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address in canonical text form. Parsing never touches DNS: host names are
 * rejected, not resolved.
 */
public record IpAddress(String value) implements Comparable<IpAddress> {
  private static final Pattern IPV4 =
      Pattern.compile(
          "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-f:.]+");

  public IpAddress {
    if (value == null) {
      throw new IllegalArgumentException("ip address is required");
    }
    value = value.strip().toLowerCase(Locale.ROOT);
    if (!isValid(value)) {
      throw new IllegalArgumentException(
          "not an IPv4 or IPv6 address: '" + abbreviate(value) + "'");
    }
  }

  public static IpAddress of(String value) {
    return new IpAddress(value);
  }

  /** True when {@code text} is a literal IPv4 or IPv6 address (no host names, no zone ids). */
  public static boolean isValid(String text) {
    if (text == null || text.isEmpty() || text.length() > 45) {
      return false;
    }
    if (IPV4.matcher(text).matches()) {
      return true;
    }
    if (!text.contains(":") || !IPV6_CHARS.matcher(text.toLowerCase(Locale.ROOT)).matches()) {
      return false;
    }
    return isValidIpv6(text.toLowerCase(Locale.ROOT));
  }

  private static boolean isValidIpv6(String text) {
    int doubleColon = text.indexOf("::");
    if (doubleColon != text.lastIndexOf("::")) {
      return false;
    }
    String[] groups = text.split(":", -1);
    int count = 0;
    for (int i = 0; i < groups.length; i++) {
      String group = groups[i];
      if (group.isEmpty()) {
        continue; // part of "::" (validated above) or a leading/trailing "::"
      }
      if (i == groups.length - 1 && group.contains(".")) {
        if (!IPV4.matcher(group).matches()) {
          return false;
        }
        count += 2;
      } else if (group.length() > 4 || group.contains(".")) {
        return false;
      } else {
        count++;
      }
    }
    if (text.startsWith(":") && !text.startsWith("::")
        || text.endsWith(":") && !text.endsWith("::")) {
      return false;
    }
    return doubleColon >= 0 ? count < 8 : count == 8;
  }

  private static String abbreviate(String text) {
    return text.length() <= 48 ? text : text.substring(0, 45) + "...";
  }

  @Override
  public int compareTo(IpAddress other) {
    return value.compareTo(other.value);
  }

  /**
   * The value's hash, which is what the record's generated method returns ({@code 31 * 0 +
   * value.hashCode()}), written out because ids are hashed on every scored event and the generated
   * one goes through method handles that the JIT does not always flatten (ADR 0020).
   */
  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof IpAddress other && value.equals(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
