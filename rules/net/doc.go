// Package net holds the network rules of the catalog, AKS-NET-01 to
// AKS-NET-10: how the API server, the nodes, the pods and the TLS endpoints
// around a cluster are exposed.
//
// Each rule is a value in its own file (net01.go ...). The rules read only the
// linked estate: node pools point at their subnets, subnets at their NSG and
// route table, and NSGs carry Azure's default rules, so a rule never searches
// for its neighbours. Rules that decide a cluster from several parts (node
// pools, subnets) report one finding per cluster whose evidence names each
// part; a failing part decides, else an undetermined one, else the cluster
// passes.
package net
