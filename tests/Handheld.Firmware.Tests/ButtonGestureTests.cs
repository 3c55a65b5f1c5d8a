using Handheld.Core.Inspection;
using nanoFramework.TestFramework;

namespace NFUnitTest
{
    /// <summary>Gesture decoding on the device runtime (long arithmetic and state as the interpreter runs it).</summary>
    [TestClass]
    public class ButtonGestureTests
    {
        private static Gesture Feed(ButtonGestureDecoder d, bool down, int ms, ref long t)
        {
            Gesture last = Gesture.None;
            for (int i = 0; i < ms; i += 10)
            {
                t += 10;
                Gesture g = d.Update(down, t);
                if (g != Gesture.None) last = g;
            }
            return last;
        }

        [TestMethod]
        public void Update_ShortPress_Short()
        {
            ButtonGestureDecoder d = new ButtonGestureDecoder(false);
            long t = 0;
            d.Reset(false, 0);
            Feed(d, true, 120, ref t);
            Assert.AreEqual((int)Gesture.Short, (int)Feed(d, false, 100, ref t));
        }

        [TestMethod]
        public void Update_Held_Long()
        {
            ButtonGestureDecoder d = new ButtonGestureDecoder(true);
            long t = 0;
            d.Reset(false, 0);
            Assert.AreEqual((int)Gesture.Long, (int)Feed(d, true, 1000, ref t));
            Assert.AreEqual((int)Gesture.None, (int)Feed(d, false, 500, ref t));
        }

        [TestMethod]
        public void Update_TwoQuickPresses_Double()
        {
            ButtonGestureDecoder d = new ButtonGestureDecoder(true);
            long t = 0;
            d.Reset(false, 0);
            Feed(d, true, 100, ref t);
            Feed(d, false, 150, ref t);
            Feed(d, true, 100, ref t);
            Assert.AreEqual((int)Gesture.Double, (int)Feed(d, false, 500, ref t));
        }

        [TestMethod]
        public void Update_Chatter_Ignored()
        {
            ButtonGestureDecoder d = new ButtonGestureDecoder(false);
            long t = 0;
            d.Reset(false, 0);
            Feed(d, true, 10, ref t);
            Feed(d, false, 10, ref t);
            Feed(d, true, 20, ref t);
            Assert.AreEqual((int)Gesture.None, (int)Feed(d, false, 400, ref t));
        }
    }
}
