package site

import (
	"honoscope/app/ui"

	"archive/zip"
	"embed"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// SCORMLaunch is the page the package's one SCO launches: the training
// library, from which every vignette, the progress and the certificate are
// reached by in-app navigation.
const SCORMLaunch = "train.html"

// relativeResolver writes every app path relative to the package root
// ("/web/app.css" becomes "web/app.css"), because an LMS serves a package
// under a path nobody knows when it is built.
type relativeResolver struct{}

// Resolve implements app.ResourceResolver: a training page's address is
// its file (ui.PackageAddress), since an LMS serves the package's files by
// their exact names.
func (relativeResolver) Resolve(location string) string {
	switch {
	case strings.HasPrefix(location, "https://"), strings.HasPrefix(location, "http://"):
		return location
	case location == "/":
		return "./"
	case strings.HasPrefix(location, "/"):
		return strings.TrimPrefix(ui.PackageAddress(location), "/")
	}
	return location
}

// scormOutput is the contents of the SCORM package: the training section,
// which runs in one program, with every path relative to the package root
// because an LMS serves a package under a path nobody knows when it is
// built.
var scormOutput = output{keep: scormPages, scope: "./", resolver: relativeResolver{}, scorm: true, single: true}

// WriteSCORMDir writes the training section as the contents of a SCORM 1.2
// package into dir: every pre-rendered page with paths relative to the
// package root, go-app's scripts, web/ with the program, CSS and icons, and
// imsmanifest.xml declaring one SCO that launches SCORMLaunch. It returns
// the package's files (slash-separated, sorted), manifest included.
func WriteSCORMDir(dir string, cfg Config) ([]string, error) {
	cfg.Base = "/"
	w, err := generate(dir, cfg, scormOutput)
	if err != nil {
		return nil, err
	}
	if err := writeSchemas(dir, cfg.Course.Version); err != nil {
		return nil, err
	}
	// The pre-renderer writes every route as a folder; a package keeps its
	// own pages as the files it addresses them by (ui.PackageAddress).
	r, err := siteRoutes()
	if err != nil {
		return nil, err
	}
	for _, p := range r.pages {
		if p.path == "/" {
			continue
		}
		if err := os.RemoveAll(filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(p.path, "/")), "index.html")); err != nil {
			return nil, err
		}
	}
	var files []string
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			// A folder left empty by the pages' removal goes too.
			if entries, err := os.ReadDir(path); err == nil && len(entries) == 0 && path != dir {
				if err := os.Remove(path); err != nil {
					return err
				}
				return filepath.SkipDir
			}
			return nil
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		if rel != "imsmanifest.xml" {
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	manifest, err := SCORMManifest(w.Version, files, cfg.Course)
	if cfg.Course.Version == SCORM2004 {
		manifest, err = SCORM2004Manifest(w.Version, files, cfg.Course)
	}
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "imsmanifest.xml"), manifest, 0o644); err != nil {
		return nil, err
	}
	files = append(files, "imsmanifest.xml")
	sort.Strings(files)
	return files, nil
}

// schemas are the XML Schema files of each SCORM version (see
// scormxsd/README.md), written at the root of every package.
//
//go:embed scormxsd/12 scormxsd/2004
var schemas embed.FS

// SCORM versions a package can be written for (Course.Version).
const (
	SCORM12   = "1.2"
	SCORM2004 = "2004"
)

// writeSchemas writes the schemas of the SCORM version at the package root.
func writeSchemas(dir, version string) error {
	sub := "scormxsd/12"
	if version == SCORM2004 {
		sub = "scormxsd/2004"
	}
	entries, err := schemas.ReadDir(sub)
	if err != nil {
		return err
	}
	for _, e := range entries {
		b, err := schemas.ReadFile(sub + "/" + e.Name())
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// The SCORM 1.2 manifest (IMS Content Packaging 1.1.2 with the ADL SCORM
// 1.2 extension: ADL, "SCORM Content Aggregation Model" 1.2, section 2.3).
type (
	imsManifest struct {
		XMLName        xml.Name     `xml:"manifest"`
		Identifier     string       `xml:"identifier,attr"`
		Version        string       `xml:"version,attr"`
		XMLNS          string       `xml:"xmlns,attr"`
		ADLCP          string       `xml:"xmlns:adlcp,attr"`
		XSI            string       `xml:"xmlns:xsi,attr"`
		SchemaLocation string       `xml:"xsi:schemaLocation,attr"`
		Metadata       imsMetadata  `xml:"metadata"`
		Organizations  imsOrgs      `xml:"organizations"`
		Resources      imsResources `xml:"resources"`
	}
	imsMetadata struct {
		Schema        string `xml:"schema"`
		SchemaVersion string `xml:"schemaversion"`
	}
	imsOrgs struct {
		Default string   `xml:"default,attr"`
		Orgs    []imsOrg `xml:"organization"`
	}
	imsOrg struct {
		Identifier string    `xml:"identifier,attr"`
		Title      string    `xml:"title"`
		Items      []imsItem `xml:"item"`
	}
	imsItem struct {
		Identifier    string `xml:"identifier,attr"`
		IdentifierRef string `xml:"identifierref,attr"`
		IsVisible     string `xml:"isvisible,attr"`
		Title         string `xml:"title"`
		// Mastery is adlcp:masteryscore, the score that passes (SCORM 1.2
		// CAM, section 2.3.5.2.2), after the title as the schema orders it.
		Mastery string `xml:"adlcp:masteryscore,omitempty"`
	}
	imsResources struct {
		Resources []imsResource `xml:"resource"`
	}
	imsResource struct {
		Identifier string    `xml:"identifier,attr"`
		Type       string    `xml:"type,attr"`
		SCORMType  string    `xml:"adlcp:scormtype,attr"`
		Href       string    `xml:"href,attr"`
		Files      []imsFile `xml:"file"`
	}
	imsFile struct {
		Href string `xml:"href,attr"`
	}
)

// DefaultCourseTitle names the course in the LMS when the trust gives no
// title.
const DefaultCourseTitle = "Honoscope: HoNOS rating practice"

// check returns what a manifest of either version needs of the course and
// the package's files: the course's title (DefaultCourseTitle when it has
// none) and the SCO's files (every file but the schemas, which describe the
// manifest). It is an error for the package to lack SCORMLaunch or for the
// mastery score to be outside 0–100.
func (course Course) check(files []string) (string, []imsFile, error) {
	if !slices.Contains(files, SCORMLaunch) {
		return "", nil, fmt.Errorf("the package has no %s to launch", SCORMLaunch)
	}
	if course.HasMastery && (course.Mastery < 0 || course.Mastery > 100) {
		return "", nil, fmt.Errorf("the mastery score %d is not from 0 to 100", course.Mastery)
	}
	var sco []imsFile
	for _, f := range files {
		if !schemaFile(f) {
			sco = append(sco, imsFile{Href: f})
		}
	}
	title := strings.TrimSpace(course.Title)
	if title == "" {
		title = DefaultCourseTitle
	}
	return title, sco, nil
}

// marshalManifest writes a manifest as an XML document.
func marshalManifest(m any) ([]byte, error) {
	out, err := xml.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), append(out, '\n')...), nil
}

// SCORMManifest returns imsmanifest.xml for a package of files (paths
// relative to the package root) whose one SCO launches SCORMLaunch, titled
// and with the mastery score of course.
func SCORMManifest(version string, files []string, course Course) ([]byte, error) {
	title, scoFiles, err := course.check(files)
	if err != nil {
		return nil, err
	}
	res := imsResource{Identifier: "RES-TRAIN", Type: "webcontent", SCORMType: "sco", Href: SCORMLaunch, Files: scoFiles}
	item := imsItem{Identifier: "ITEM-TRAIN", IdentifierRef: "RES-TRAIN", IsVisible: "true", Title: title}
	if course.HasMastery {
		item.Mastery = fmt.Sprint(course.Mastery)
	}
	m := imsManifest{
		Identifier:     "honoscope-training-" + version,
		Version:        "1.0",
		XMLNS:          "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
		ADLCP:          "http://www.adlnet.org/xsd/adlcp_rootv1p2",
		XSI:            "http://www.w3.org/2001/XMLSchema-instance",
		SchemaLocation: "http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd",
		Metadata:       imsMetadata{Schema: "ADL SCORM", SchemaVersion: "1.2"},
		Organizations: imsOrgs{Default: "ORG-HONOSCOPE", Orgs: []imsOrg{{
			Identifier: "ORG-HONOSCOPE",
			Title:      title,
			Items:      []imsItem{item},
		}}},
		Resources: imsResources{Resources: []imsResource{res}},
	}
	return marshalManifest(m)
}

// schemaFile reports whether a package file is one of the schemas.
func schemaFile(f string) bool { return strings.HasSuffix(f, ".xsd") || strings.HasSuffix(f, ".dtd") }

// The SCORM 2004 4th Edition manifest (IMS Content Packaging 1.1.4 with
// the ADL extensions and IMS Simple Sequencing: ADL, "SCORM 2004 4th
// Edition Content Aggregation Model", section 3).
type (
	manifest2004 struct {
		XMLName        xml.Name    `xml:"manifest"`
		Identifier     string      `xml:"identifier,attr"`
		Version        string      `xml:"version,attr"`
		XMLNS          string      `xml:"xmlns,attr"`
		ADLCP          string      `xml:"xmlns:adlcp,attr"`
		ADLSeq         string      `xml:"xmlns:adlseq,attr"`
		ADLNav         string      `xml:"xmlns:adlnav,attr"`
		IMSSS          string      `xml:"xmlns:imsss,attr"`
		XSI            string      `xml:"xmlns:xsi,attr"`
		SchemaLocation string      `xml:"xsi:schemaLocation,attr"`
		Metadata       imsMetadata `xml:"metadata"`
		Organizations  orgs2004    `xml:"organizations"`
		Resources      res2004List `xml:"resources"`
	}
	orgs2004 struct {
		Default string    `xml:"default,attr"`
		Orgs    []org2004 `xml:"organization"`
	}
	org2004 struct {
		Identifier string     `xml:"identifier,attr"`
		Title      string     `xml:"title"`
		Items      []item2004 `xml:"item"`
	}
	item2004 struct {
		Identifier    string          `xml:"identifier,attr"`
		IdentifierRef string          `xml:"identifierref,attr"`
		Title         string          `xml:"title"`
		Sequencing    *sequencing2004 `xml:"imsss:sequencing,omitempty"`
	}
	// sequencing2004 carries the mastery score: the primary objective is
	// satisfied by a scaled score of at least MinMeasure, which the LMS
	// hands the course as cmi.scaled_passing_score (SCORM 2004 4th Edition
	// RTE, section 4.2.23).
	sequencing2004 struct {
		Objectives struct {
			Primary struct {
				ObjectiveID string `xml:"objectiveID,attr"`
				ByMeasure   string `xml:"satisfiedByMeasure,attr"`
				MinMeasure  string `xml:"imsss:minNormalizedMeasure"`
			} `xml:"imsss:primaryObjective"`
		} `xml:"imsss:objectives"`
	}
	res2004List struct {
		Resources []res2004 `xml:"resource"`
	}
	res2004 struct {
		Identifier string    `xml:"identifier,attr"`
		Type       string    `xml:"type,attr"`
		SCORMType  string    `xml:"adlcp:scormType,attr"`
		Href       string    `xml:"href,attr"`
		Files      []imsFile `xml:"file"`
	}
)

// SCORM2004Manifest returns imsmanifest.xml of a SCORM 2004 4th Edition
// package of files whose one SCO launches SCORMLaunch, titled and with the
// mastery score of course as the primary objective's minimum normalised
// measure.
func SCORM2004Manifest(version string, files []string, course Course) ([]byte, error) {
	title, scoFiles, err := course.check(files)
	if err != nil {
		return nil, err
	}
	item := item2004{Identifier: "ITEM-TRAIN", IdentifierRef: "RES-TRAIN", Title: title}
	if course.HasMastery {
		item.Sequencing = &sequencing2004{}
		p := &item.Sequencing.Objectives.Primary
		p.ObjectiveID, p.ByMeasure = "PRIMARY", "true"
		p.MinMeasure = strconv.FormatFloat(float64(course.Mastery)/100, 'f', -1, 64)
	}
	res := res2004{Identifier: "RES-TRAIN", Type: "webcontent", SCORMType: "sco", Href: SCORMLaunch, Files: scoFiles}
	m := manifest2004{
		Identifier: "honoscope-training-" + version, Version: "1",
		XMLNS: "http://www.imsglobal.org/xsd/imscp_v1p1", ADLCP: "http://www.adlnet.org/xsd/adlcp_v1p3",
		ADLSeq: "http://www.adlnet.org/xsd/adlseq_v1p3", ADLNav: "http://www.adlnet.org/xsd/adlnav_v1p3",
		IMSSS: "http://www.imsglobal.org/xsd/imsss", XSI: "http://www.w3.org/2001/XMLSchema-instance",
		SchemaLocation: "http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd " +
			"http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd",
		Metadata:      imsMetadata{Schema: "ADL SCORM", SchemaVersion: "2004 4th Edition"},
		Organizations: orgs2004{Default: "ORG-HONOSCOPE", Orgs: []org2004{{Identifier: "ORG-HONOSCOPE", Title: title, Items: []item2004{item}}}},
		Resources:     res2004List{Resources: []res2004{res}},
	}
	return marshalManifest(m)
}

// zipTime is the modification time of every file in the package, fixed so
// that the same build gives the same zip.
var zipTime = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

// ZipDir writes the files (slash-separated, relative to dir) into a zip
// archive at w, in the given order, the manifest at the package root as
// SCORM requires.
func ZipDir(w io.Writer, dir string, files []string) error {
	zw := zip.NewWriter(w)
	for _, f := range files {
		src, err := os.Open(filepath.Join(dir, filepath.FromSlash(f)))
		if err != nil {
			return err
		}
		dst, err := zw.CreateHeader(&zip.FileHeader{Name: f, Method: zip.Deflate, Modified: zipTime})
		if err == nil {
			_, err = io.Copy(dst, src)
		}
		src.Close()
		if err != nil {
			return fmt.Errorf("adding %s to the package: %w", f, err)
		}
	}
	return zw.Close()
}
