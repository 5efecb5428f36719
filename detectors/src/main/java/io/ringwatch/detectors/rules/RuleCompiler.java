package io.ringwatch.detectors.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlFeatures;
import org.apache.commons.jexl3.JexlInfo;
import org.apache.commons.jexl3.JexlScript;
import org.apache.commons.jexl3.introspection.JexlPermissions;
import org.apache.commons.jexl3.introspection.JexlSandbox;

/**
 * Compiles rule expressions with Apache Commons JEXL 3 in a locked-down configuration (see
 * docs/adr/0004-rule-expression-language.md): the syntax is restricted to side-effect-free
 * expressions (no assignments, loops, lambdas, {@code new}, method calls, pragmas or annotations),
 * introspection runs under {@link JexlPermissions#RESTRICTED} and an empty, deny-all {@link
 * JexlSandbox}, and every variable must be one of {@link RuleVariables#NAMES}, so a typo is a
 * compile error rather than a rule that never fires. Thread-safe.
 */
public final class RuleCompiler {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

  private final JexlEngine engine;
  private final JexlFeatures features;

  public RuleCompiler() {
    this.features =
        new JexlFeatures()
            .script(false)
            .loops(false)
            .sideEffect(false)
            .sideEffectGlobal(false)
            .newInstance(false)
            .methodCall(false)
            .lambda(false)
            .thinArrow(false)
            .fatArrow(false)
            .localVar(false)
            .pragma(false)
            .annotation(false)
            .importPragma(false)
            .namespacePragma(false)
            .register(false);
    this.engine =
        new JexlBuilder()
            .features(features)
            .permissions(JexlPermissions.RESTRICTED)
            .sandbox(new JexlSandbox(false))
            .strict(true)
            .safe(false)
            .silent(false)
            .antish(false)
            .cache(0)
            .create();
  }

  /** Compiles every rule; any error fails the whole set (and every error is reported). */
  public RuleCompilation compile(RuleSet set) {
    List<JexlScript> scripts = new ArrayList<>(set.rules().size());
    List<RuleCompileError> errors = new ArrayList<>();
    for (Rule rule : set.rules()) {
      try {
        JexlScript script =
            engine.createScript(features, new JexlInfo(rule.id(), 1, 1), rule.expression());
        RuleCompileError unknown = unknownVariable(rule, script);
        if (unknown != null) {
          errors.add(unknown);
        } else {
          scripts.add(script);
        }
      } catch (JexlException e) {
        JexlInfo info = e.getInfo();
        errors.add(
            new RuleCompileError(
                rule.id(),
                info == null ? 1 : info.getLine(),
                info == null ? 1 : info.getColumn(),
                describe(e)));
      }
    }
    if (!errors.isEmpty()) {
      return new RuleCompilation.Failed(errors);
    }
    return new RuleCompilation.Compiled(new CompiledRuleSet(set, scripts));
  }

  private static RuleCompileError unknownVariable(Rule rule, JexlScript script) {
    for (List<String> path : script.getVariables()) {
      String name = path.get(0);
      if (path.size() > 1) {
        return at(rule, name, "property access '" + String.join(".", path) + "' is not allowed");
      }
      if (!RuleVariables.NAMES.contains(name)) {
        return at(rule, name, "unknown variable '" + name + "'");
      }
    }
    return null;
  }

  /** An error positioned at the first whole-word occurrence of {@code name} in the expression. */
  private static RuleCompileError at(Rule rule, String name, String message) {
    String source = rule.expression();
    Matcher m = IDENTIFIER.matcher(source);
    int offset = 0;
    while (m.find()) {
      if (m.group().equals(name)) {
        offset = m.start();
        break;
      }
    }
    int line = 1;
    int column = 1;
    for (int i = 0; i < offset; i++) {
      if (source.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new RuleCompileError(rule.id(), line, column, message);
  }

  private static String describe(JexlException e) {
    String kind =
        e instanceof JexlException.Feature
            ? "not allowed in rules"
            : e instanceof JexlException.Parsing ? "syntax error" : "invalid expression";
    String detail = e.getDetail();
    return detail == null || detail.isBlank() ? kind : kind + ": " + detail;
  }
}
