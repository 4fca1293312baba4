// Package def holds the Microsoft Defender for Cloud rules of the compliance
// section: Defender for Containers on clusters (AKS-DEF-01) and the
// vulnerability assessment of registries (AKS-DEF-02). Both read the Defender
// pricings of the estate through plans.go.
package def
