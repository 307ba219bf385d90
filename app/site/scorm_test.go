package site

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Not parallel: go-app sets process environment variables while writing a
// site, which pages rendered at the same time would read.
func TestTheSCORMPackageHasAValidManifestAndEveryFileItNames(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	wasmDir := t.TempDir()
	for _, prog := range Programs() {
		// Each program's file holds its name, to tell which one is packaged.
		if err := os.WriteFile(filepath.Join(wasmDir, prog.File), []byte("\x00asm\x01\x00\x00\x00"+prog.Name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	files, err := WriteSCORMDir(dir, Config{Web: filepath.Join(root, "web"), WasmDir: wasmDir})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := ZipDir(&buf, dir, files); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	inZip := map[string]*zip.File{}
	for _, f := range zr.File {
		inZip[f.Name] = f
	}
	mf, ok := inZip["imsmanifest.xml"]
	if !ok {
		t.Fatal("no imsmanifest.xml at the root of the package")
	}
	rc, err := mf.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	var m struct {
		XMLName  xml.Name `xml:"http://www.imsproject.org/xsd/imscp_rootv1p1p2 manifest"`
		Metadata struct {
			Schema        string `xml:"schema"`
			SchemaVersion string `xml:"schemaversion"`
		} `xml:"metadata"`
		Orgs struct {
			Default string `xml:"default,attr"`
			Org     []struct {
				ID    string `xml:"identifier,attr"`
				Items []struct {
					Ref string `xml:"identifierref,attr"`
				} `xml:"item"`
			} `xml:"organization"`
		} `xml:"organizations"`
		Resources []struct {
			ID        string `xml:"identifier,attr"`
			Href      string `xml:"href,attr"`
			SCORMType string `xml:"http://www.adlnet.org/xsd/adlcp_rootv1p2 scormtype,attr"`
			Files     []struct {
				Href string `xml:"href,attr"`
			} `xml:"file"`
		} `xml:"resources>resource"`
	}
	if err := xml.NewDecoder(rc).Decode(&m); err != nil {
		t.Fatalf("imsmanifest.xml is not valid XML of the IMS content packaging namespace: %v", err)
	}
	if m.Metadata.Schema != "ADL SCORM" || m.Metadata.SchemaVersion != "1.2" {
		t.Fatalf("metadata %+v, want ADL SCORM 1.2", m.Metadata)
	}
	if len(m.Orgs.Org) != 1 || m.Orgs.Default != m.Orgs.Org[0].ID || len(m.Orgs.Org[0].Items) != 1 {
		t.Fatalf("organizations %+v, want one default organization with one item", m.Orgs)
	}
	if len(m.Resources) != 1 || m.Resources[0].SCORMType != "sco" || m.Resources[0].Href != SCORMLaunch ||
		m.Resources[0].ID != m.Orgs.Org[0].Items[0].Ref {
		t.Fatalf("resources %+v, want one SCO launching %s referenced by the item", m.Resources, SCORMLaunch)
	}
	named := map[string]bool{m.Resources[0].Href: true}
	for _, f := range m.Resources[0].Files {
		named[f.Href] = true
	}
	for name := range named {
		if _, ok := inZip[name]; !ok {
			t.Errorf("the manifest names %s, which is not in the package", name)
		}
	}
	for name := range inZip {
		if name != "imsmanifest.xml" && !named[name] && !schemaFile(name) {
			t.Errorf("%s is in the package but not in the manifest", name)
		}
	}
	for _, xsd := range []string{"imscp_rootv1p1p2.xsd", "adlcp_rootv1p2.xsd", "imsmd_rootv1p2p1.xsd", "ims_xml.xsd"} {
		if inZip[xsd] == nil {
			t.Errorf("the package lacks the schema %s at its root", xsd)
		}
	}
	for _, need := range []string{"train.html", "train-vignette.html", "train-certificate.html", "web/app.wasm", "web/train.css", "app.js", "wasm_exec.js"} {
		if !named[need] {
			t.Errorf("the package lacks %s", need)
		}
	}
	for _, outside := range []string{"index.html", "rate.html", "people.html", "team.html", "web/tools.wasm", "about/index.html", "rate/index.html", "train/index.html", "app-worker.js", "web/team-example.csv"} {
		if named[outside] || inZip[outside] != nil {
			t.Errorf("the package holds %s: it should hold the training section only", outside)
		}
	}
	// Every page is at the package root, so that each page's relative
	// addresses (web/…, the other pages) hold when it is reloaded by its
	// exact name, and every link to a page names a file of the package.
	for name := range inZip {
		if strings.HasSuffix(name, ".html") && strings.Contains(name, "/") {
			t.Errorf("%s is a page below the package root", name)
		}
	}
	for name := range inZip {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		page, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range regexp.MustCompile(`(?:href|src)="([^"#:]+)[^"]*"`).FindAllStringSubmatch(string(page), -1) {
			if inZip[m[1]] == nil {
				t.Errorf("%s refers to %s, which the package does not hold", name, m[1])
			}
		}
	}
	if js, err := os.ReadFile(filepath.Join(dir, "app.js")); err != nil || strings.Contains(string(js), "goappInitServiceWorker();\n") {
		t.Errorf("app.js of the package registers a service worker (%v)", err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "web", "app.wasm")); err != nil || !strings.HasSuffix(string(b), "tools") {
		t.Errorf("web/app.wasm of the package is not the tools program (%v)", err)
	}
	page, err := os.ReadFile(filepath.Join(dir, "train.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, link := range []string{`href="rate"`, `href="people"`, `href="./"`, `href="settings"`} {
		if strings.Contains(string(page), link) {
			t.Errorf("train.html links to a page outside the package (%s)", link)
		}
	}
	for _, abs := range []string{`src="/`, `href="/web`, `href="/app`} {
		if strings.Contains(string(page), abs) {
			t.Errorf("train.html has an absolute path (%s…), which breaks under an LMS's unknown path", abs)
		}
	}
	js, err := os.ReadFile(filepath.Join(dir, "app.js"))
	if err != nil || !strings.Contains(string(js), `"HONOSCOPE_SCORM":"1"`) {
		t.Errorf("app.js does not mark the packaged build (%v)", err)
	}
}

// wrapperXSD imports each namespace the manifest uses with its schema:
// xmllint does not load the schemas named in xsi:schemaLocation, and the
// IMS CP schema's strict wildcards would reject every adlcp attribute
// without the ADL schema loaded beside it.
const wrapperXSD = `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:honoscope:manifest-check">
 <xs:import namespace="http://www.imsproject.org/xsd/imscp_rootv1p1p2" schemaLocation="imscp_rootv1p1p2.xsd"/>
 <xs:import namespace="http://www.adlnet.org/xsd/adlcp_rootv1p2" schemaLocation="adlcp_rootv1p2.xsd"/>
 <xs:import namespace="http://www.imsglobal.org/xsd/imsmd_rootv1p2p1" schemaLocation="imsmd_rootv1p2p1.xsd"/>
</xs:schema>
`

// The manifest, with a title and a mastery score, validates against the
// SCORM 1.2 schemas the package carries (xmllint, from Debian's
// libxml2-utils), and a manifest the schemas forbid does not.
func TestTheSCORMManifestValidatesAgainstTheSchemas(t *testing.T) {
	xmllint := needXmllint(t)
	dir := t.TempDir()
	if err := writeSchemas(dir, SCORM12); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "check.xsd"), []byte(wrapperXSD), 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := SCORMManifest("v1", []string{"train.html", "web/app.wasm"}, Course{Title: "HoNOS <refresher> & more", Mastery: 80, HasMastery: true})
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(m), `adlcp:scormtype="sco"`, `adlcp:scormtype="lesson"`, 1)
	for name, body := range map[string]string{"imsmanifest.xml": string(m), "bad.xml": bad} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, err := exec.Command(xmllint, "--noout", "--schema", filepath.Join(dir, "check.xsd"), filepath.Join(dir, "imsmanifest.xml")).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "imsmanifest.xml validates") {
		t.Errorf("the manifest does not validate: %v\n%s\n%s", err, out, m)
	}
	if out, err := exec.Command(xmllint, "--noout", "--schema", filepath.Join(dir, "check.xsd"), filepath.Join(dir, "bad.xml")).CombinedOutput(); err == nil {
		t.Errorf("a manifest the schemas forbid validates: %s", out)
	}
	if _, err := SCORMManifest("v1", []string{"train.html"}, Course{Mastery: 101, HasMastery: true}); err == nil {
		t.Error("a mastery score of 101 was written")
	}
}

// wrapper2004XSD is wrapperXSD for SCORM 2004 4th Edition.
const wrapper2004XSD = `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:honoscope:manifest-check">
 <xs:import namespace="http://www.imsglobal.org/xsd/imscp_v1p1" schemaLocation="imscp_v1p1.xsd"/>
 <xs:import namespace="http://www.adlnet.org/xsd/adlcp_v1p3" schemaLocation="adlcp_v1p3.xsd"/>
 <xs:import namespace="http://www.adlnet.org/xsd/adlseq_v1p3" schemaLocation="adlseq_v1p3.xsd"/>
 <xs:import namespace="http://www.adlnet.org/xsd/adlnav_v1p3" schemaLocation="adlnav_v1p3.xsd"/>
 <xs:import namespace="http://www.imsglobal.org/xsd/imsss" schemaLocation="imsss_v1p0.xsd"/>
</xs:schema>
`

// The SCORM 2004 manifest, with and without a mastery score, validates
// against the SCORM 2004 4th Edition schemas its package carries, and one
// the schemas forbid does not.
func TestTheSCORM2004ManifestValidatesAgainstItsSchemas(t *testing.T) {
	xmllint := needXmllint(t)
	dir := t.TempDir()
	if err := writeSchemas(dir, SCORM2004); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "check.xsd"), []byte(wrapper2004XSD), 0o644); err != nil {
		t.Fatal(err)
	}
	for i, course := range []Course{{Title: "HoNOS <refresher>", Mastery: 80, HasMastery: true, Version: SCORM2004}, {Version: SCORM2004}} {
		m, err := SCORM2004Manifest("v1", []string{"train.html", "web/app.wasm", "imscp_v1p1.xsd"}, course)
		if err != nil {
			t.Fatal(err)
		}
		if course.HasMastery && !strings.Contains(string(m), "<imsss:minNormalizedMeasure>0.8</imsss:minNormalizedMeasure>") {
			t.Errorf("no mastery in\n%s", m)
		}
		name := filepath.Join(dir, "m"+strconv.Itoa(i)+".xml")
		if err := os.WriteFile(name, m, 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(xmllint, "--noout", "--schema", filepath.Join(dir, "check.xsd"), name).CombinedOutput(); err != nil || !strings.Contains(string(out), "validates") {
			t.Errorf("the manifest does not validate: %v\n%s\n%s", err, out, m)
		}
		bad := strings.Replace(string(m), `adlcp:scormType="sco"`, `adlcp:scormType="lesson"`, 1)
		if err := os.WriteFile(name, []byte(bad), 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(xmllint, "--noout", "--schema", filepath.Join(dir, "check.xsd"), name).CombinedOutput(); err == nil {
			t.Errorf("a manifest the schemas forbid validates: %s", out)
		}
	}
}

// needXmllint returns xmllint's path, skipping the test where it is missing
// and failing it where the tests must run everything (CI).
func needXmllint(t *testing.T) string {
	t.Helper()
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("HONOSCOPE_REQUIRE_BROWSER") == "1" {
			t.Fatal("xmllint is missing: apt-get install -y libxml2-utils")
		}
		t.Skip("xmllint is missing (apt-get install -y libxml2-utils)")
	}
	return xmllint
}
