package io.ringwatch.detectors.rules;

import io.ringwatch.detectors.domain.StoreDetails;
import io.ringwatch.detectors.features.FeatureNames;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A direct evaluator for the common subset of rule expressions, so that the hot path does not pay
 * for JEXL's interpreter (about 5 µs a rule, see docs/benchmarks.md): comparisons, {@code && || !},
 * {@code + - *} and parentheses over numeric features, numeric and boolean event fields, string
 * fields against string literals, and literals. {@link #compile} answers null for anything else
 * (division, ternaries, regex, {@code in}, keyword operators, escapes, exponent or suffixed
 * literals, literals of 10 or more digits, mixed-type comparisons, ...), and the rule is then
 * evaluated by JEXL as before.
 *
 * <p>The semantics are JEXL's for this subset: numbers compare and add as doubles (exact here:
 * features are doubles and the integer fields and literals are far below 2^53), strings and
 * booleans compare by equality, {@code &&} and {@code ||} short-circuit. An expression is compiled
 * by JEXL first (which validates it and the variable names), so this parser only ever sees valid
 * rules. Cost: O(length) to compile; evaluation walks the tree with no allocation and no boxing.
 */
final class FastRule {
  private FastRule() {}

  /** A compiled boolean expression. */
  interface Bool {
    boolean test(RuleVariables v);
  }

  private interface Num {
    double value(RuleVariables v);
  }

  private interface Str {
    String value(RuleVariables v);
  }

  /** The evaluator of {@code expression}, or null when it is outside the subset. */
  static Bool compile(String expression) {
    try {
      Parser parser = new Parser(tokens(expression));
      Object tree = parser.or();
      if (!parser.atEnd() || !(tree instanceof Bool b)) {
        return null;
      }
      return b;
    } catch (Unsupported e) {
      return null;
    }
  }

  /** Outside the subset: JEXL evaluates the rule. */
  private static final class Unsupported extends Exception {
    Unsupported() {
      super(null, null, false, false);
    }
  }

  private record Token(char kind, String text) {}

  private static final String TWO_CHAR = "&&||==!=<=>=";

  private static List<Token> tokens(String s) throws Unsupported {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (Character.isDigit(c)) {
        int start = i;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
          i++;
        }
        if (i + 1 < s.length() && s.charAt(i) == '.' && Character.isDigit(s.charAt(i + 1))) {
          i++;
          while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
          }
        }
        if (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.')) {
          throw new Unsupported(); // exponents, suffixes, hex
        }
        String number = s.substring(start, i);
        if (number.replace(".", "").length() > 9) {
          throw new Unsupported();
        }
        tokens.add(new Token('n', number));
      } else if (Character.isLetter(c) || c == '_' || c == '$') {
        int start = i;
        while (i < s.length()
            && (Character.isLetterOrDigit(s.charAt(i))
                || s.charAt(i) == '_'
                || s.charAt(i) == '$')) {
          i++;
        }
        tokens.add(new Token('i', s.substring(start, i)));
      } else if (c == '\'' || c == '"') {
        int end = s.indexOf(c, i + 1);
        if (end < 0 || s.substring(i + 1, end).indexOf('\\') >= 0) {
          throw new Unsupported();
        }
        tokens.add(new Token('s', s.substring(i + 1, end)));
        i = end + 1;
      } else if (i + 1 < s.length() && isTwoChar(s.substring(i, i + 2))) {
        tokens.add(new Token('o', s.substring(i, i + 2)));
        i += 2;
      } else if ("<>+-*!()".indexOf(c) >= 0) {
        if (i + 1 < s.length() && (c == '!' && s.charAt(i + 1) == '~')) {
          throw new Unsupported();
        }
        tokens.add(new Token('o', String.valueOf(c)));
        i++;
      } else {
        throw new Unsupported();
      }
    }
    return tokens;
  }

  private static boolean isTwoChar(String op) {
    for (int k = 0; k < TWO_CHAR.length(); k += 2) {
      if (TWO_CHAR.startsWith(op, k)) {
        return true;
      }
    }
    return false;
  }

  /** Recursive descent in JEXL's precedence: || < && < == != < relational < + - < * < unary. */
  private static final class Parser {
    private final List<Token> tokens;
    private int at;

    Parser(List<Token> tokens) {
      this.tokens = tokens;
    }

    boolean atEnd() {
      return at == tokens.size();
    }

    private boolean accept(String op) {
      if (at < tokens.size() && tokens.get(at).kind() == 'o' && tokens.get(at).text().equals(op)) {
        at++;
        return true;
      }
      return false;
    }

    Object or() throws Unsupported {
      Object left = and();
      while (accept("||")) {
        Bool l = bool(left);
        Bool r = bool(and());
        left = (Bool) v -> l.test(v) || r.test(v);
      }
      return left;
    }

    private Object and() throws Unsupported {
      Object left = equality();
      while (accept("&&")) {
        Bool l = bool(left);
        Bool r = bool(equality());
        left = (Bool) v -> l.test(v) && r.test(v);
      }
      return left;
    }

    /** JEXL does not chain equality or relational operators ({@code a == b != c}): one at most. */
    private Object equality() throws Unsupported {
      Object left = relational();
      boolean eq;
      if (accept("==")) {
        eq = true;
      } else if (accept("!=")) {
        eq = false;
      } else {
        return left;
      }
      Object right = relational();
      Bool same;
      if (left instanceof Num l && right instanceof Num r) {
        same = v -> l.value(v) == r.value(v);
      } else if (left instanceof Str l && right instanceof Str r) {
        same = v -> Objects.equals(l.value(v), r.value(v));
      } else if (left instanceof Bool l && right instanceof Bool r) {
        same = v -> l.test(v) == r.test(v);
      } else {
        throw new Unsupported();
      }
      return eq ? same : (Bool) v -> !same.test(v);
    }

    private Object relational() throws Unsupported {
      Object left = additive();
      String op;
      if (accept("<=")) {
        op = "<=";
      } else if (accept(">=")) {
        op = ">=";
      } else if (accept("<")) {
        op = "<";
      } else if (accept(">")) {
        op = ">";
      } else {
        return left;
      }
      Num l = num(left);
      Num r = num(additive());
      return switch (op) {
        case "<=" -> (Bool) v -> l.value(v) <= r.value(v);
        case ">=" -> (Bool) v -> l.value(v) >= r.value(v);
        case "<" -> (Bool) v -> l.value(v) < r.value(v);
        default -> (Bool) v -> l.value(v) > r.value(v);
      };
    }

    private Object additive() throws Unsupported {
      Object left = multiplicative();
      while (true) {
        if (accept("+")) {
          Num l = num(left);
          Num r = num(multiplicative());
          left = (Num) v -> l.value(v) + r.value(v);
        } else if (accept("-")) {
          Num l = num(left);
          Num r = num(multiplicative());
          left = (Num) v -> l.value(v) - r.value(v);
        } else {
          return left;
        }
      }
    }

    private Object multiplicative() throws Unsupported {
      Object left = unary();
      while (accept("*")) {
        Num l = num(left);
        Num r = num(unary());
        left = (Num) v -> l.value(v) * r.value(v);
      }
      return left;
    }

    private Object unary() throws Unsupported {
      if (accept("!")) {
        Bool operand = bool(unary());
        return (Bool) v -> !operand.test(v);
      }
      if (accept("-")) {
        Num operand = num(unary());
        return (Num) v -> -operand.value(v);
      }
      return primary();
    }

    private Object primary() throws Unsupported {
      if (accept("(")) {
        Object inner = or();
        if (!accept(")")) {
          throw new Unsupported();
        }
        return inner;
      }
      if (atEnd()) {
        throw new Unsupported();
      }
      Token token = tokens.get(at++);
      return switch (token.kind()) {
        case 'n' -> {
          double value = Double.parseDouble(token.text());
          yield (Num) v -> value;
        }
        case 's' -> {
          String value = token.text();
          yield (Str) v -> value;
        }
        case 'i' -> variable(token.text());
        default -> throw new Unsupported();
      };
    }

    private static Object variable(String name) throws Unsupported {
      int index = FeatureNames.indexOf(name);
      if (index >= 0) {
        return (Num) v -> v.feature(index);
      }
      return switch (name) {
        case "true" -> (Bool) v -> true;
        case "false" -> (Bool) v -> false;
        case RuleVariables.INSIGHT_SCORE -> (Num) RuleVariables::insightScore;
        case "discount" ->
            (Num)
                v -> {
                  StoreDetails store = v.event().store();
                  return store == null || store.discount() == null
                      ? 0.0
                      : store.discount().doubleValue();
                };
        case "hour_of_day" -> (Num) v -> v.event().timestamp().atZone(ZoneOffset.UTC).getHour();
        case "priority_shipping" ->
            (Bool)
                v ->
                    v.event().store() != null
                        && Boolean.TRUE.equals(v.event().store().priorityShipping());
        case "gift_wrap" ->
            (Bool)
                v -> v.event().store() != null && Boolean.TRUE.equals(v.event().store().giftWrap());
        case "is_transfer" -> (Bool) v -> v.event().isTransfer();
        case "event_type", "store_id", "channel", "currency", "payment_method" ->
            (Str) v -> (String) v.get(name);
        default -> throw new Unsupported();
      };
    }

    private static Bool bool(Object node) throws Unsupported {
      if (node instanceof Bool b) {
        return b;
      }
      throw new Unsupported();
    }

    private static Num num(Object node) throws Unsupported {
      if (node instanceof Num n) {
        return n;
      }
      throw new Unsupported();
    }
  }
}
