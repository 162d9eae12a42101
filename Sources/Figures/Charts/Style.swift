/// Sizes and colours of chart furniture, in figure units (logical pixels).
///
/// The defaults follow matplotlib's look at 100 dpi: a 640 x 480 figure with 12 px tick labels
/// reads like matplotlib's default 6.4 x 4.8 in figure with 10 pt text.
struct Style {
    var tickLabelSize = 12.0
    var axisLabelSize = 13.0
    var titleSize = 14.0
    var figureTitleSize = 16.0
    var legendSize = 11.0
    var annotationSize = 10.0
    var captionSize = 11.0

    var textColor = Color(gray: 0.1)
    var spineColor = Color(gray: 0.15)
    var gridColor = Color(gray: 0.86)
    var spineWidth = 1.0
    var tickLength = 4.5
    var tickWidth = 1.0
    var tickPad = 3.5
    var labelPad = 6.0
    var titlePad = 8.0
    var figurePad = 10.0
    var panelGap = 14.0

    var lineWidth = 2.0
    var markerRadius = 3.5

    var colorBarWidth = 14.0
    var colorBarGap = 12.0

    static let standard = Style()

    /// The height text of `size` occupies from the top of its capitals to its descenders.
    func textHeight(_ size: Double) -> Double {
        Font.capHeight(size: size) + Font.descent(size: size)
    }
}
