// path-between.groovy: the shortest path between two accounts over shared devices, shared IPs and
// transfers, at most maxHops hops (default 4). Set fromAccount and toAccount first:
//   gremlin> fromAccount = 'A-1'; toAccount = 'A-9'
//   gremlin> :load gremlin/scripts/path-between.groovy
F = io.ringwatch.gremlin.dsl.__; []
fromAccount = binding.variables.containsKey('fromAccount') ? fromAccount : 'A-1'; toAccount = binding.variables.containsKey('toAccount') ? toAccount : 'A-2'; maxHops = binding.variables.containsKey('maxHops') ? maxHops : 4; []
rwPath = fraud.account(fromAccount).pathTo(toAccount, maxHops).by(F.project('label', 'id').by(F.label()).by(F.naturalId())).toList(); []
if (rwPath.isEmpty()) { println "no path from ${fromAccount} to ${toAccount} within ${maxHops} hops" } else { def steps = rwPath[0].objects(); println String.format('%-4s %-8s %s', 'step', 'label', 'id'); steps.eachWithIndex { s, i -> println String.format('%-4d %-8s %s', i, s.label, s.id) }; println "(${steps.size() - 1} hops from ${fromAccount} to ${toAccount})" }; []
