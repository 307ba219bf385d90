package consult

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"honoscope/app/ui"
)

// about is the "/about" page: privacy, what is stored where, the scoring
// methods with their sources, and copyright. Its text summarises the
// scoring contract (package scoring's documentation) in our own words.
type about struct {
	app.Compo
}

// Render shows the page.
func (a *about) Render() app.UI {
	return ui.Shell("/about", "About Honoscope",
		app.Section().Aria("labelledby", "privacy").Body(
			app.H2().ID("privacy").Text("Privacy: nothing leaves this device"),
			app.P().Text("Honoscope is a set of files that your browser downloads once. "+
				"All scoring then happens inside the browser. The app makes no requests to any "+
				"other site, sends no analytics and sets no cookies; its security policy "+
				"forbids it from contacting anything but the site it came from, and it never "+
				"sends what you enter even there."),
			app.H3().Text("What is stored where"),
			app.Ul().Body(
				app.Li().Text("Saved ratings and the draft of an unfinished rating: in this "+
					"browser's IndexedDB storage for this site, on this device."),
				app.Li().Text("The app's own files (pages, styles, the compiled program): in "+
					"the browser's offline cache, so that it starts without a network."),
				app.Li().Text("Exports: only where you save the downloaded file."),
			),
			app.P().Text("Clearing this site's data in the browser deletes the saved ratings; "+
				"export them first if you need a copy. Anyone who can use this browser profile "+
				"can see the ratings, so label people with a pseudonym, not a name or NHS "+
				"number, unless the device is yours to hold them on."),
		),
		app.Section().Aria("labelledby", "methods").Body(
			app.H2().ID("methods").Text("How the scores are worked out"),
			app.Dl().Body(
				app.Dt().Text("Codes"),
				app.Dd().Text("Each item is rated 0 (no problem) to 4 (severe to very severe "+
					"problem) for the worst point in the rating period: the previous two weeks, "+
					"or the previous three days at discharge from inpatient care. 9 means not "+
					"known. (METEOR 717795.)"),
				app.Dt().Text("Total"),
				app.Dd().Text("The sum of the items rated 0 to 4: items 1 to 12 for HoNOS and "+
					"HoNOS 65+ (0 to 48), items 1 to 13 for HoNOSCA (0 to 52; items 14 and 15 "+
					"give information and are not added). Unknown items add nothing. "+
					"(Pirkis et al. 2005; METEOR 676214 and 575041.)"),
				app.Dt().Text("When a total counts"),
				app.Dd().Text("A total is reported as valid when no more than two scored items "+
					"are unknown. Totals are never scaled up to make up for missing items: no "+
					"published rule for that was found. This follows a UK score-sheet "+
					"convention and is a choice of this project."),
				app.Dt().Text("Subscales"),
				app.Dd().Text("Behaviour, impairment, symptoms and social problems, each shown "+
					"only when every item in it is rated 0 to 4. (Wing et al. 1998; for "+
					"HoNOSCA, Gowers et al. 1999.)"),
				app.Dt().Text("Clinically significant items"),
				app.Dd().Text("Items rated 2, 3 or 4, which usually call for care planning; "+
					"0 and 1 are below that level. (James et al. 2018, BJPsych Bulletin 42:63.)"),
				app.Dt().Text("Indicative severity"),
				app.Dd().Text("For HoNOS and HoNOS 65+ totals: under 10 mild, 10 to 12 moderate, "+
					"13 or more severe. It is a rough guide, not a diagnosis. (Parabiaghi et al. "+
					"2014, Soc Psychiatry Psychiatr Epidemiol 49:291.)"),
				app.Dt().Text("Change between two ratings"),
				app.Dd().Text("The later total minus the earlier one, for the same person and "+
					"scale, only when both totals are valid; a fall means fewer problems. "+
					"Whether a change is reliable is judged by one named method: a change of 8 "+
					"points or more (Parabiaghi et al. 2005, ANZJP 39:719), the reliable change "+
					"index (Jacobson and Truax 1991, J Consult Clin Psychol 59:12), or an effect "+
					"size of 0.5 (METEOR 584024). A total of 11 or more is taken as the clinical "+
					"range when sorting changes into recovered, improved, unchanged, "+
					"deteriorated or harmed. Staying the same is often a good outcome."),
				app.Dt().Text("Change item by item"),
				app.Dd().Text("Ratings 0 to 2 count as low and 3 to 4 as high; an item moving "+
					"from high to low has improved, from low to high has deteriorated. "+
					"(Crawford et al. 2017, BJPsych Bulletin 41:172.)"),
			),
		),
		app.Section().Aria("labelledby", "copyright").Body(
			app.H2().ID("copyright").Text("Copyright"),
			app.P().Text(ui.Copyright+". HoNOS 65+ and HoNOSCA are also the College's. "+
				"Honoscope shows item numbers, short titles and the scoring rules; the help "+
				"text is written for this project and is not the College's glossary. Use of "+
				"the scales in your service may need the College's permission and training."),
			app.P().Text("Honoscope is open source and independent of the Royal College of "+
				"Psychiatrists. It supports clinical judgement and does not replace it."),
		),
	)
}
