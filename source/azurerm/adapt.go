package azurerm

import (
	"strings"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/source"
)

// adapter accumulates the estate of one call to Adapt.
type adapter struct {
	out   *estate.Estate
	diags source.Diagnostics
}

// handlers maps each resource type the catalog reads to its adapter.
var handlers = map[string]func(*adapter, *resource){
	"azurerm_kubernetes_cluster":                        (*adapter).cluster,
	"azurerm_kubernetes_cluster_node_pool":              (*adapter).nodePool,
	"azurerm_container_registry":                        (*adapter).registry,
	"azurerm_virtual_network":                           (*adapter).virtualNetwork,
	"azurerm_subnet":                                    (*adapter).subnet,
	"azurerm_network_security_group":                    (*adapter).nsg,
	"azurerm_network_security_rule":                     (*adapter).securityRule,
	"azurerm_subnet_network_security_group_association": (*adapter).nsgAssociation,
	"azurerm_subnet_route_table_association":            (*adapter).routeTableAssociation,
	"azurerm_route_table":                               (*adapter).routeTable,
	"azurerm_route":                                     (*adapter).route,
	"azurerm_firewall":                                  (*adapter).firewall,
	"azurerm_key_vault":                                 (*adapter).keyVault,
	"azurerm_key_vault_key":                             (*adapter).keyVaultKey,
	"azurerm_disk_encryption_set":                       (*adapter).diskEncryptionSet,
	"azurerm_log_analytics_workspace":                   (*adapter).workspace,
	"azurerm_monitor_diagnostic_setting":                (*adapter).diagnosticSetting,
	"azurerm_role_assignment":                           (*adapter).roleAssignment,
	"azurerm_role_definition":                           (*adapter).roleDefinition,
	"azurerm_management_lock":                           (*adapter).lock,
	"azurerm_security_center_subscription_pricing":      (*adapter).pricing,
	"azurerm_application_gateway":                       (*adapter).appGateway,
	"azurerm_storage_account":                           (*adapter).storageAccount,
	"kubernetes_manifest":                               (*adapter).manifest,
	"azurerm_firewall_policy":                           nil, // its ID is all a firewall's policy_id joins to
}

func (a *adapter) adapt(rs *Resource) {
	res := &resource{Resource: rs, diags: &a.diags}
	if h, ok := handlers[rs.Type]; ok {
		if h != nil {
			h(a, res)
		}
		return
	}
	if k, ok := kubeKind(rs.Type); ok {
		a.kubeObject(res, k)
	}
}

// kubeKind returns the Kubernetes kind of a kubernetes provider resource
// type: kubernetes_deployment and kubernetes_deployment_v1 are Deployments.
func kubeKind(typ string) (string, bool) {
	name, ok := strings.CutPrefix(typ, "kubernetes_")
	if !ok {
		return "", false
	}
	name = strings.TrimSuffix(name, "_v1")
	name = strings.TrimSuffix(name, "_v2")
	k, ok := kubeKinds[name]
	return k, ok
}

var kubeKinds = map[string]string{
	"namespace":              "Namespace",
	"deployment":             "Deployment",
	"stateful_set":           "StatefulSet",
	"daemonset":              "DaemonSet",
	"daemon_set":             "DaemonSet",
	"replication_controller": "ReplicationController",
	"job":                    "Job",
	"cron_job":               "CronJob",
	"pod":                    "Pod",
	"network_policy":         "NetworkPolicy",
	"ingress":                "Ingress",
	"service":                "Service",
	"secret":                 "Secret",
	"config_map":             "ConfigMap",
}
