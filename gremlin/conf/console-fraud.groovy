rwCluster = org.apache.tinkerpop.gremlin.driver.Cluster.open(rwRemote); []
g = traversal().withRemote(DriverRemoteConnection.using(rwCluster, 'g')); []
fraud = traversal(io.ringwatch.gremlin.dsl.FraudTraversalSource).withRemote(DriverRemoteConnection.using(rwCluster, 'g')); []
