import Testing
@testable import Tensors

/// Golden strings from numpy's `array2string(a, separator=", ", precision=4)` (the `repr` layout
/// without `array(...)`), with whole-number tensors printed as numpy prints integer arrays.
@Suite struct PrintingTests {
    @Test func testPrinting_scalarsAndEmpty() throws {
        #expect(Tensor(3.5).description == "3.5")
        #expect(Tensor(2).description == "2")
        #expect(Tensor(-0.125).description == "-0.125")
        #expect(Tensor(1.0 / 3).description == "0.3333")
        #expect(Tensor(1e-5).description == "1.e-05")
        #expect(Tensor([]).description == "[]")
        #expect(try Tensor.zeros([2, 0]).description == "[]")
        #expect("\(Tensor([1, .nan]))" == "[  1, nan]")
    }

    @Test func testPrinting_ints2d() throws {
        #expect((try tensor([2, 2], [1, 2, 3, 4])).description == """
            [[1, 2],
             [3, 4]]
            """)
    }

    @Test func testPrinting_mixed() throws {
        #expect((Tensor([1.5, 2.25, 3])).description == """
            [1.5 , 2.25, 3.  ]
            """)
    }

    @Test func testPrinting_neg() throws {
        #expect((Tensor([-1.5, 10.25])).description == """
            [-1.5 , 10.25]
            """)
    }

    @Test func testPrinting_thirds() throws {
        #expect((try tensor([2, 2], [1.0 / 3, 1, 2.5, -0.125])).description == """
            [[ 0.3333,  1.    ],
             [ 2.5   , -0.125 ]]
            """)
    }

    @Test func testPrinting_sci() throws {
        #expect((Tensor([1e-5, 1])).description == """
            [1.e-05, 1.e+00]
            """)
    }

    @Test func testPrinting_sci2() throws {
        #expect((Tensor([1.5e-5, 1])).description == """
            [1.5e-05, 1.0e+00]
            """)
    }

    @Test func testPrinting_sciNeg() throws {
        #expect((Tensor([-1.5e-5, 1, 123])).description == """
            [-1.50e-05,  1.00e+00,  1.23e+02]
            """)
    }

    @Test func testPrinting_big() throws {
        #expect((Tensor([1.5e9, 2])).description == """
            [1.5e+09, 2.0e+00]
            """)
    }

    @Test func testPrinting_ratio() throws {
        #expect((Tensor([0.001, 2])).description == """
            [1.e-03, 2.e+00]
            """)
    }

    @Test func testPrinting_nan() throws {
        #expect((Tensor([1.5, .nan, -.infinity])).description == """
            [ 1.5,  nan, -inf]
            """)
    }

    @Test func testPrinting_cube() throws {
        #expect((try Tensor.arange(end: 8).reshaped([2, 2, 2])).description == """
            [[[0, 1],
              [2, 3]],
            
             [[4, 5],
              [6, 7]]]
            """)
    }

    @Test func testPrinting_long() throws {
        #expect((try Tensor.arange(end: 2000)).description == """
            [   0,    1,    2, ..., 1997, 1998, 1999]
            """)
    }

    @Test func testPrinting_grid() throws {
        #expect((try Tensor.arange(end: 2000).reshaped([40, 50]) * 0.5).description == """
            [[0.000e+00, 5.000e-01, 1.000e+00, ..., 2.350e+01, 2.400e+01, 2.450e+01],
             [2.500e+01, 2.550e+01, 2.600e+01, ..., 4.850e+01, 4.900e+01, 4.950e+01],
             [5.000e+01, 5.050e+01, 5.100e+01, ..., 7.350e+01, 7.400e+01, 7.450e+01],
             ...,
             [9.250e+02, 9.255e+02, 9.260e+02, ..., 9.485e+02, 9.490e+02, 9.495e+02],
             [9.500e+02, 9.505e+02, 9.510e+02, ..., 9.735e+02, 9.740e+02, 9.745e+02],
             [9.750e+02, 9.755e+02, 9.760e+02, ..., 9.985e+02, 9.990e+02, 9.995e+02]]
            """)
    }

    @Test func testPrinting_wrap() throws {
        #expect((try Tensor.arange(end: 30) * 1.5).description == """
            [ 0. ,  1.5,  3. ,  4.5,  6. ,  7.5,  9. , 10.5, 12. , 13.5, 15. , 16.5,
             18. , 19.5, 21. , 22.5, 24. , 25.5, 27. , 28.5, 30. , 31.5, 33. , 34.5,
             36. , 37.5, 39. , 40.5, 42. , 43.5]
            """)
    }

    @Test func testPrinting_negints() throws {
        #expect((Tensor([-3, 10, 200])).description == """
            [ -3,  10, 200]
            """)
    }

    @Test func testPrinting_rows() throws {
        #expect((try Tensor.arange(end: 1200).reshaped([2, 3, 200]) - 600.25).description == """
            [[[-6.0025e+02, -5.9925e+02, -5.9825e+02, ..., -4.0325e+02, -4.0225e+02,
               -4.0125e+02],
              [-4.0025e+02, -3.9925e+02, -3.9825e+02, ..., -2.0325e+02, -2.0225e+02,
               -2.0125e+02],
              [-2.0025e+02, -1.9925e+02, -1.9825e+02, ..., -3.2500e+00, -2.2500e+00,
               -1.2500e+00]],
            
             [[-2.5000e-01,  7.5000e-01,  1.7500e+00, ...,  1.9675e+02,  1.9775e+02,
                1.9875e+02],
              [ 1.9975e+02,  2.0075e+02,  2.0175e+02, ...,  3.9675e+02,  3.9775e+02,
                3.9875e+02],
              [ 3.9975e+02,  4.0075e+02,  4.0175e+02, ...,  5.9675e+02,  5.9775e+02,
                5.9875e+02]]]
            """)
    }

}
