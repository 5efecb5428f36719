// shared-devices.groovy: devices used by more than minAccounts accounts (default 2), busiest first,
// with up to five of their accounts. Scans every device: for exploration, not for production.
//   gremlin> minAccounts = 5
//   gremlin> :load gremlin/scripts/shared-devices.groovy
F = io.ringwatch.gremlin.dsl.__; []
minAccounts = binding.variables.containsKey('minAccounts') ? minAccounts : 2; []
rwDevices = fraud.device().where(F.accounts().count().is(gt(minAccounts))).project('device', 'accounts', 'some').by('deviceId').by(F.accounts().count()).by(F.accounts().values('accountId').order().limit(5).fold()).order().by(select('accounts'), desc).by(select('device')).limit(50).toList(); []
println String.format('%-24s %8s  %s', 'device', 'accounts', 'some accounts'); rwDevices.each { println String.format('%-24s %8d  %s', it.device, it.accounts, it.some.join(', ')) }; println "(${rwDevices.size()} devices shared by more than ${minAccounts} accounts)"; []
