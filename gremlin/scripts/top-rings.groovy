// top-rings.groovy: the rings with the highest score, with their size and status. Set topN first
// (default 10):
//   gremlin> topN = 5
//   gremlin> :load gremlin/scripts/top-rings.groovy
F = io.ringwatch.gremlin.dsl.__; []
topN = binding.variables.containsKey('topN') ? topN : 10; []
rwRings = fraud.rings().order().by(F.coalesce(F.values('score'), F.constant(0.0d)), desc).limit(topN).project('ring', 'score', 'members', 'status').by('ringId').by(F.coalesce(F.values('score'), F.constant(0.0d))).by(F.members().count()).by(F.coalesce(F.values('status'), F.constant('-'))).toList(); []
println String.format('%-20s %8s %8s  %s', 'ring', 'score', 'members', 'status'); rwRings.each { println String.format('%-20s %8.3f %8d  %s', it.ring, it.score, it.members, it.status) }; println "(${rwRings.size()} rings)"; []
