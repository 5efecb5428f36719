package io.ringwatch.detectors.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The identity documents the account holder gave when the account was opened: national id (SSN),
 * e-mail address and phone number. They are identifiers that link accounts, like devices and IPs:
 * several accounts opened on one SSN, e-mail or phone is how synthetic-identity and first-party
 * fraud rings show (ADR 0015). Carried with the account's transactions; every field is optional,
 * and values are normalised so that the same document written two ways is one identifier: the SSN
 * and the phone keep their digits only, the e-mail is stripped and lower-cased.
 *
 * @param ssn national id as digits, or null
 * @param email e-mail address, lower case, or null
 * @param phone phone number as digits, or null
 */
public record Identity(String ssn, String email, String phone) {

  private static final int MAX_TEXT = 256;
  private static final Pattern NON_DIGITS = Pattern.compile("\\D");

  public Identity {
    ssn = digits(ssn, "ssn");
    phone = digits(phone, "phone");
    email = email(email);
  }

  /** An identity of the given fields as sent (any may be null); null when all are empty. */
  public static Identity of(String ssn, String email, String phone) {
    Identity identity = new Identity(ssn, email, phone);
    return identity.isEmpty() ? null : identity;
  }

  /** Whether no field is known. */
  public boolean isEmpty() {
    return ssn == null && email == null && phone == null;
  }

  private static String digits(String text, String what) {
    String bounded = bounded(text, what);
    if (bounded == null) {
      return null;
    }
    String digits = NON_DIGITS.matcher(bounded).replaceAll("");
    if (digits.isEmpty()) {
      throw new IllegalArgumentException(what + " has no digits: " + bounded);
    }
    return digits;
  }

  private static String email(String text) {
    String bounded = bounded(text, "email");
    if (bounded == null) {
      return null;
    }
    int at = bounded.indexOf('@');
    if (at <= 0 || at == bounded.length() - 1 || bounded.indexOf('@', at + 1) >= 0) {
      throw new IllegalArgumentException("email is not an address: " + bounded);
    }
    return bounded.toLowerCase(Locale.ROOT);
  }

  private static String bounded(String text, String what) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String stripped = text.strip();
    if (stripped.length() > MAX_TEXT) {
      throw new IllegalArgumentException(what + " is longer than " + MAX_TEXT + " characters");
    }
    return stripped;
  }
}
