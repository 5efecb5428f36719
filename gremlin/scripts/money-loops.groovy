// money-loops.groovy: loops of transfers in the last day (money that leaves an account and comes
// back to it through 2 to maxHops other accounts, default 4), each loop once. Scans every account.
//   gremlin> maxHops = 6
//   gremlin> :load gremlin/scripts/money-loops.groovy
maxHops = binding.variables.containsKey('maxHops') ? maxHops : 4; []
rwLoops = fraud.account().transferLoops(maxHops, java.time.Duration.ofDays(1)).by('accountId').by('amount').toList().collect { it.objects() }.groupBy { p -> (0..<(p.size() - 1)).step(2).collect { p[it] }.sort() }.values().collect { it[0] }; []
println String.format('%-5s %12s  %s', 'hops', 'amount', 'loop'); rwLoops.each { p -> def accts = (0..<p.size()).step(2).collect { p[it] }; def amts = (1..<p.size()).step(2).collect { p[it] }; println String.format('%-5d %12.2f  %s', amts.size(), amts.sum(), accts.join(' -> ')) }; println "(${rwLoops.size()} loops in the last day)"; []
